import type Sqlite from 'better-sqlite3';
import type { Logger } from '../../logging/logger';

// Under load the WAL grows by some 10,000 frames a second (each add_task
// rewrites about ten pages); checkpointing every quarter second keeps it near
// 3,000 frames and each pause near 2 ms, where once a second made 4-6 ms pauses.
const CHECKPOINT_EVERY_MS = 250;
// SQLite's own default, restored when the timer stops.
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * WAL checkpoints for a long-running server on a timer, instead of SQLite's
 * automatic ones. An automatic checkpoint runs inside whichever commit crosses
 * 1,000 pages, so under load one add_task in a hundred or so paid for it (the
 * 20-28 ms add_task p99 of every server measured). A PASSIVE checkpoint never
 * waits for readers or writers; it does hold this thread for its few
 * milliseconds (about 2 ms each under `npm run bench`), which in a server
 * without a spare thread is the cheapest place for it. (A worker thread with
 * its own connection ran them before; it cost some 30 MB and made task writes
 * wait on the log's write lock.)
 */
export function startWalCheckpoints(
  sqlite: { client: Sqlite.Database; commitPendingWrites: () => void },
  logger: Logger,
): { stop: () => void } {
  const { client } = sqlite;
  client.pragma('wal_autocheckpoint = 0');
  const timer = setInterval(() => {
    try {
      // A checkpoint cannot run on a connection inside a transaction.
      sqlite.commitPendingWrites();
      client.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      logger.warn({ err: error }, 'WAL checkpoint failed');
    }
  }, CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (client.open) client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    },
  };
}
