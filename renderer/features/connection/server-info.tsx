import { useLiveEvents } from '../../lib/live-events';
import { useServerStatus } from '../../lib/server-status';
import { CopyButton } from '../../components/ui/copy-button';

/** Where agents connect and what they reach: the MCP URL, the database, how many tasks it holds. */
export function ServerInfo() {
  const { status, error } = useServerStatus();
  const { lost } = useLiveEvents();
  return (
    <section className="connection-section" aria-labelledby="connection-server">
      <h2 id="connection-server">Server</h2>
      {status ? (
        <dl className="connection-facts">
          <dt>MCP URL</dt>
          <dd>
            <code className="mcp-url">{status.mcp_url}</code> <CopyButton text={status.mcp_url} label="Copy MCP URL" />
          </dd>
          <dt>Status</dt>
          <dd>{lost ? 'Not answering; reconnecting…' : `Listening (version ${status.version})`}</dd>
          <dt>Database</dt>
          <dd>
            {status.database.kind === 'sqlite' ? 'SQLite' : 'Postgres'} at <code>{status.database.location}</code>
            {status.database.reachable ? '' : ' (unreachable)'}
          </dd>
          <dt>Tasks</dt>
          <dd>{status.task_count}</dd>
        </dl>
      ) : (
        <p role={error ? 'alert' : undefined}>{error ? `Server not reachable: ${error}` : 'Loading…'}</p>
      )}
    </section>
  );
}
