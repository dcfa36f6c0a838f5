import { useEffect, useState } from 'react';
import type { TokenInfo } from '../../../shared/api';
import { TokenCard } from './token-card';

// "last seen 2 min ago" must move on while the panel stays open.
const CLOCK_TICK_MS = 30_000;

function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface TokenListProps {
  tokens: readonly TokenInfo[] | undefined;
  error: string | undefined;
  onRevoke: (id: string) => Promise<void>;
}

/** The user's client tokens, newest first; revoked ones behind a toggle. */
export function TokenList({ tokens, error, onRevoke }: TokenListProps) {
  const now = useNow();
  const [showRevoked, setShowRevoked] = useState(false);
  const revokedCount = tokens?.filter((token) => token.revoked_at).length ?? 0;
  const shown = tokens?.filter((token) => showRevoked || !token.revoked_at) ?? [];
  return (
    <section className="connection-section" aria-labelledby="connection-clients">
      <div className="connection-section-head">
        <h2 id="connection-clients">Clients</h2>
        {revokedCount > 0 && (
          <label className="connection-toggle">
            <input type="checkbox" checked={showRevoked} onChange={(event) => setShowRevoked(event.target.checked)} />
            Show revoked ({revokedCount})
          </label>
        )}
      </div>
      {error && (
        <p role="alert" className="token-error">
          Could not load tokens: {error}
        </p>
      )}
      {tokens && shown.length === 0 && <p className="connection-muted">No clients yet: connect one below.</p>}
      <ul className="token-list" aria-label="Client tokens">
        {shown.map((token) => (
          <TokenCard key={token.id} token={token} now={now} onRevoke={onRevoke} />
        ))}
      </ul>
    </section>
  );
}
