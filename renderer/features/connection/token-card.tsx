import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { TokenInfo } from '../../../shared/api';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime, timeAgo } from '../../lib/relative-time';

// "Active now" means seen within this long; after it the card says when it was last seen.
export const ACTIVE_WINDOW_MS = 5 * 60 * 1000;

/** Revoked, active now (any authenticated request lately), idle since it was last seen, or never connected. */
export function tokenState(token: TokenInfo, now: number): 'revoked' | 'active now' | 'idle' | 'not connected yet' {
  if (token.revoked_at) return 'revoked';
  if (!token.last_used_at) return 'not connected yet';
  return now - Date.parse(token.last_used_at) <= ACTIVE_WINDOW_MS ? 'active now' : 'idle';
}

/** What the token may reach, in a person's words: "All projects" or "Projects: A, B", and "read-only". */
export function scopeWords(token: Pick<TokenInfo, 'projects' | 'read_only'>): string {
  const where = token.projects
    ? `Projects: ${token.projects.map((project) => project.name).join(', ')}`
    : 'All projects';
  return token.read_only ? `${where} · read-only` : where;
}

interface TokenCardProps {
  token: TokenInfo;
  now: number;
  onRevoke: (id: string) => Promise<void>;
}

/** One client's token: who it is, whether it has connected, and a revoke that asks first. */
export function TokenCard({ token, now, onRevoke }: TokenCardProps) {
  const [confirming, setConfirming] = useState(false);
  const revoking = useMutation({ mutationFn: onRevoke, onSuccess: () => setConfirming(false) });
  const busy = revoking.isPending;
  const error = revoking.error ? errorMessage(revoking.error) : undefined;
  const state = tokenState(token, now);

  return (
    <li className="token-card" aria-label={token.label}>
      <div className="token-card-head">
        <h3 className="token-label" dir="auto">
          {token.label}
        </h3>
        <span className={`token-state ${state.replaceAll(' ', '-')}`}>{state}</span>
      </div>
      <p className="token-meta">
        <span className="token-id">{token.id.slice(0, 6)}</span> · created {formatDateTime(token.created_at)} ·{' '}
        {token.last_used_at ? `last seen ${timeAgo(token.last_used_at, now)}` : 'never used'} · {token.call_count}{' '}
        {token.call_count === 1 ? 'call' : 'calls'}
        {token.revoked_at && ` · revoked ${timeAgo(token.revoked_at, now)}`}
      </p>
      <p className="token-scope">{scopeWords(token)}</p>
      {!token.revoked_at &&
        (confirming ? (
          <div className="token-confirm" role="group" aria-label={`Confirm revoking ${token.label}`}>
            <span>{token.label} will stop working at once. Revoke?</span>
            <Button className="button danger" isDisabled={busy} onPress={() => revoking.mutate(token.id)}>
              Yes, revoke {token.label}
            </Button>
            <Button className="button" isDisabled={busy} onPress={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button className="button danger" onPress={() => setConfirming(true)}>
            Revoke {token.label}
          </Button>
        ))}
      {error && (
        <p role="alert" className="token-error">
          {error}
        </p>
      )}
    </li>
  );
}
