import type Sqlite from 'better-sqlite3';

/**
 * Whether another connection (a `taskdesk stdio` process, another server on
 * the same file) has committed to the database since the last call. SQLite's
 * data_version changes only for other connections' commits, never this
 * connection's own, and reading it is a cheap synchronous call.
 */
export function watchOtherWriters(client: Sqlite.Database): () => boolean {
  const read = () => client.pragma('data_version', { simple: true }) as number;
  let last = read();
  return () => {
    const current = read();
    const changed = current !== last;
    last = current;
    return changed;
  };
}
