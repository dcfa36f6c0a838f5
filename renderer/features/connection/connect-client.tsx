import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ConnectionDetails, CreatedToken, TokenInfo } from '../../../shared/api';
import { CONNECT_CLIENTS, type ConnectClientId } from '../../../shared/connect-snippets';
import { useApi } from '../../app/api-context';
import { useServerStatus } from '../../app/server-status';
import { SnippetDialog } from './snippet-dialog';

type Client = (typeof CONNECT_CLIENTS)[number];

/** The one place a secret lives in the UI: from creation until the dialog closes. */
interface Connecting {
  client: Client;
  connection: ConnectionDetails;
  token?: CreatedToken;
}

/**
 * "Connect a client": shows what to paste into the chosen client. A token is
 * made only when the person asks for one inside the dialog (looking costs
 * nothing), and what needs none (Claude Desktop's stdio entry) shows at once.
 */
export function ConnectClientSection({ onCreated }: { onCreated: (token: TokenInfo) => void }) {
  const api = useApi();
  const { status } = useServerStatus();
  const [connecting, setConnecting] = useState<Connecting>();
  const [pending, setPending] = useState<ConnectClientId>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();

  async function open(client: Client) {
    setPending(client.id);
    setError(undefined);
    try {
      setConnecting({ client, connection: await api.connection() });
    } catch (reason) {
      setError(`Could not load the connection details: ${reason instanceof Error ? reason.message : String(reason)}`);
    } finally {
      setPending(undefined);
    }
  }

  async function createToken() {
    if (!connecting || connecting.token) return;
    setCreating(true);
    setError(undefined);
    try {
      const token = await api.createToken(connecting.client.tokenLabel);
      onCreated(token);
      setConnecting({ ...connecting, token });
    } catch (reason) {
      setError(`Could not create a token: ${reason instanceof Error ? reason.message : String(reason)}`);
    } finally {
      setCreating(false);
    }
  }

  return (
    <section className="connection-section" aria-labelledby="connection-connect">
      <h2 id="connection-connect">Connect a client</h2>
      <p className="connection-muted">
        Each client gets its own token, so its calls show under its name and you can revoke it alone.
      </p>
      <div className="connect-clients" role="group" aria-label="Clients to connect">
        {CONNECT_CLIENTS.map((client) => (
          <Button
            key={client.id}
            className="button"
            isDisabled={!status || pending !== undefined}
            onPress={() => void open(client)}
          >
            Connect {client.name}
          </Button>
        ))}
      </div>
      {error && !connecting && (
        <p role="alert" className="token-error">
          {error}
        </p>
      )}
      {connecting && (
        <SnippetDialog
          clientId={connecting.client.id}
          clientName={connecting.client.name}
          secret={connecting.token?.token}
          connection={connecting.connection}
          creating={creating}
          error={error}
          onCreateToken={() => void createToken()}
          onClose={() => {
            setConnecting(undefined);
            setError(undefined);
          }}
        />
      )}
    </section>
  );
}
