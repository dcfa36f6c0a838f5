import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import type { ClientConnected, ClientSetup, ClientSetupList } from '../../../shared/api';
import { CopyButton } from '../../components/ui/copy-button';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { QUERY_KEYS } from '../../lib/query';
import { timeAgo } from '../../lib/relative-time';

function describe(client: ClientSetup, now: number): string {
  switch (client.verdict) {
    case 'ok':
      return client.token_id
        ? `Connected · ${client.last_seen ? `last seen ${timeAgo(client.last_seen, now)}` : 'not seen yet'}`
        : 'Connected over stdio';
    case 'problem':
      return `Needs attention: ${client.problems.join('; ')}`;
    case 'not_configured':
      return 'Not connected';
    case 'not_installed':
      return 'Not found on this computer';
  }
}

/**
 * The clients on this computer and whether each reaches TaskDesk, as
 * `taskdesk doctor` sees it. The desktop app writes a client's configuration
 * itself (merged, with a backup); a browser shows the command that does.
 */
function outcomeOf(client: ClientSetup, connected: ClientConnected): string {
  return connected.changed
    ? `Wrote ${connected.client.file}${connected.backup ? ' (the old file is kept beside it)' : ''}. Restart ${client.name} to load it.`
    : `${client.name} was already set up; nothing changed.`;
}

export function ClientSetupSection() {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: QUERY_KEYS.clients, queryFn: () => api.clients() });
  const connecting = useMutation({
    mutationFn: (client: ClientSetup) => api.connectClient(client.client),
    onSuccess: (connected) =>
      queryClient.setQueryData<ClientSetupList>(
        QUERY_KEYS.clients,
        (current) =>
          current && {
            ...current,
            clients: current.clients.map((each) => (each.client === connected.client.client ? connected.client : each)),
          },
      ),
  });
  const list = query.data;
  const error = query.error ? errorMessage(query.error) : undefined;
  const busy = connecting.isPending;
  const target = connecting.variables;
  const outcome =
    target && connecting.data
      ? outcomeOf(target, connecting.data)
      : target && connecting.error
        ? `Could not set up ${target.name}: ${errorMessage(connecting.error)}`
        : undefined;
  const now = Date.now();

  return (
    <section className="connection-section" aria-labelledby="connection-setup">
      <h2 id="connection-setup">Clients on this computer</h2>
      {error && (
        <p role="alert" className="token-error">
          Could not check the clients: {error}
        </p>
      )}
      {list && !list.can_connect && (
        <p className="connection-muted">
          Run the command shown to add TaskDesk to a client: it merges an entry into that client’s own settings file and
          keeps a backup.
        </p>
      )}
      <ul className="client-setup-list" aria-label="Clients on this computer">
        {list?.clients.map((client) => (
          <li key={client.client} className="client-setup" aria-label={client.name}>
            <div className="client-setup-text">
              <h3 className="token-label">{client.name}</h3>
              <span className={`client-setup-verdict ${client.verdict}`}>{describe(client, now)}</span>
              {client.notes.map((note) => (
                <span key={note} className="client-setup-note">
                  Note: {note}
                </span>
              ))}
            </div>
            {list.can_connect ? (
              (client.verdict === 'problem' || client.verdict === 'not_configured') && (
                <Button className="button" isDisabled={busy} onPress={() => connecting.mutate(client)}>
                  {client.verdict === 'problem' ? `Repair ${client.name}` : `Add to ${client.name}`}
                </Button>
              )
            ) : (
              <span className="client-setup-command">
                <code>{client.command}</code>
                <CopyButton text={client.command} label={`Copy the command that connects ${client.name}`} />
                {client.command_note && <span className="client-setup-note">{client.command_note}</span>}
              </span>
            )}
          </li>
        ))}
      </ul>
      {outcome && (
        <p role="status" className="connection-muted">
          {outcome}
        </p>
      )}
    </section>
  );
}
