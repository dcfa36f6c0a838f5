import { CopyButton } from '../components/ui/copy-button';
import { useLiveEvents } from '../lib/live-events';
import { useServerStatus } from '../lib/server-status';

/** Always on screen: where agents connect, and whether the server and its database are answering. */
export function StatusBar() {
  const { status, error } = useServerStatus();
  const { connected, lost } = useLiveEvents();
  return (
    <footer className="status-bar" aria-label="Server status">
      {lost ? (
        // What was last fetched may no longer be true; counts come back once the server does.
        <span className="status-item">Server not answering</span>
      ) : status ? (
        <>
          <span className="status-item status-url">
            MCP URL <code className="mcp-url">{status.mcp_url}</code>
            <CopyButton text={status.mcp_url} label="Copy MCP URL" />
          </span>
          <span className="status-item">
            {status.database.kind === 'sqlite' ? 'SQLite' : 'Postgres'}
            {status.database.reachable ? '' : ' (unreachable)'}
          </span>
          <span className="status-item">
            {status.task_count} {status.task_count === 1 ? 'task' : 'tasks'}
          </span>
        </>
      ) : (
        <span className="status-item">{error ?? 'Connecting…'}</span>
      )}
      <span className={connected ? 'status-item live on' : 'status-item live off'}>
        {connected ? 'Live' : 'Reconnecting…'}
      </span>
    </footer>
  );
}
