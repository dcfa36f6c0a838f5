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
  token: CreatedToken;
  connection: ConnectionDetails;
}

/**
 * "Connect a client": makes a token labelled for the chosen client and shows,
 * once, exactly what to paste into it.
 */
export function ConnectClientSection({ onCreated }: { onCreated: (token: TokenInfo) => void }) {
  const api = useApi();
  const { status } = useServerStatus();
  const [connecting, setConnecting] = useState<Connecting>();
  const [pending, setPending] = useState<ConnectClientId>();
  const [error, setError] = useState<string>();

  async function connect(client: Client) {
    setPending(client.id);
    setError(undefined);
    try {
      const [token, connection] = await Promise.all([api.createToken(client.tokenLabel), api.connection()]);
      onCreated(token);
      setConnecting({ client, token, connection });
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setPending(undefined);
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
            onPress={() => void connect(client)}
          >
            Connect {client.name}
          </Button>
        ))}
      </div>
      {error && (
        <p role="alert" className="token-error">
          Could not create a token: {error}
        </p>
      )}
      {connecting && (
        <SnippetDialog
          clientId={connecting.client.id}
          clientName={connecting.client.name}
          secret={connecting.token.token}
          connection={connecting.connection}
          onClose={() => setConnecting(undefined)}
        />
      )}
    </section>
  );
}
