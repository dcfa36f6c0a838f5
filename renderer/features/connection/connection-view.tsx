import './connection.css';
import { ClientSetupSection } from './client-setup';
import { ConnectClientSection } from './connect-client';
import { ServerInfo } from './server-info';
import { TokenList } from './token-list';
import { useTokens } from './use-tokens';

/** How agents reach TaskDesk: the server, the clients that hold tokens, and connecting a new one. */
export function ConnectionView() {
  const { tokens, error, remember, revoke } = useTokens();
  return (
    <div className="connection">
      <ServerInfo />
      <TokenList tokens={tokens} error={error} onRevoke={revoke} />
      <ClientSetupSection />
      <ConnectClientSection onCreated={remember} />
    </div>
  );
}
