import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ConnectionDetails, CreatedToken, TokenInfo } from '../../../shared/api';
import { CONNECT_CLIENTS } from '../../../shared/connect-snippets';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { QUERY_KEYS } from '../../lib/query';
import { useServerStatus } from '../../lib/server-status';
import { SnippetDialog } from './snippet-dialog';
import type { TokenScopeChoice } from './token-scope-fields';

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
  const queryClient = useQueryClient();
  const { status } = useServerStatus();
  const [connecting, setConnecting] = useState<Connecting>();
  const opening = useMutation({
    mutationFn: async (client: Client): Promise<Connecting> => ({ client, connection: await api.connection() }),
    onSuccess: setConnecting,
  });
  const creating = useMutation({
    mutationFn: ({ label, scope }: { label: string; scope: TokenScopeChoice }) => api.createToken(label, scope),
    onSuccess: (token, { scope }) => {
      // A project named for the token is created with it; the project list must show it.
      if (scope.projects.length > 0) void queryClient.invalidateQueries({ queryKey: QUERY_KEYS.projects });
      onCreated(token);
      setConnecting((current) => current && { ...current, token });
    },
  });
  const error = opening.error
    ? `Could not load the connection details: ${errorMessage(opening.error)}`
    : creating.error
      ? `Could not create a token: ${errorMessage(creating.error)}`
      : undefined;

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
            isDisabled={!status || opening.isPending}
            onPress={() => {
              creating.reset();
              opening.mutate(client);
            }}
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
          creating={creating.isPending}
          error={error}
          onCreateToken={(scope) => {
            if (!connecting.token) creating.mutate({ label: connecting.client.tokenLabel, scope });
          }}
          onClose={() => {
            setConnecting(undefined);
            creating.reset();
          }}
        />
      )}
    </section>
  );
}
