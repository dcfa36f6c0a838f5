import type Sqlite from 'better-sqlite3';
import type { Logger } from '../../logging/logger';

// Under add_task load the WAL grows by some 10,000 frames a second (each
// add_task rewrites about ten pages); a checkpoint of about 2,500 frames
// pauses near 2 ms, where 10,000 made 4-6 ms pauses. Most of a small
// checkpoint's cost is its two fsyncs, so when little is written (a read-heavy
// load writes only the tool-call log, some 400 frames a second) checkpoints
// come less often, down to one every two seconds.
const CHECKPOINT_FRAMES = 2500;
const FASTEST_MS = 250;
const SLOWEST_MS = 2000;
// SQLite's own default, restored when the timer stops.
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * How long to wait before the next checkpoint, given how many frames reached
 * the WAL in the last `elapsedMs`: long enough for about CHECKPOINT_FRAMES
 * more at that rate, within FASTEST_MS and SLOWEST_MS.
 */
export function nextCheckpointDelay(newFrames: number, elapsedMs: number): number {
  if (newFrames <= 0) return SLOWEST_MS;
  const framesPerMs = newFrames / Math.max(1, elapsedMs);
  return Math.min(SLOWEST_MS, Math.max(FASTEST_MS, Math.round(CHECKPOINT_FRAMES / framesPerMs)));
}

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL, and how many of them are now in the database file. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/**
 * Counts the frames written to the WAL between one checkpoint and the next,
 * from what each checkpoint reports and whether anything was written since
 * the last. Once a checkpoint has copied every frame, the next write starts
 * the WAL over from its first frame, so the WAL's size then is all new (and
 * may well equal its size last time); otherwise it grew where it was.
 */
export function walGrowth(): (result: CheckpointResult, wroteSinceLast: boolean) => number {
  let framesBefore = 0;
  let copiedAll = true;
  return ({ log, checkpointed }, wroteSinceLast) => {
    const added = !wroteSinceLast ? 0 : copiedAll ? log : Math.max(0, log - framesBefore);
    framesBefore = log;
    copiedAll = checkpointed === log;
    return added;
  };
}

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
  const checkpoint = client.prepare<[], CheckpointResult>('PRAGMA wal_checkpoint(PASSIVE)');
  // Rows this connection has changed since it opened: the server's writes all go through it.
  const changesSoFar = client.prepare<[], number>('SELECT total_changes()').pluck();
  const framesAdded = walGrowth();
  let changesBefore = changesSoFar.get() ?? 0;
  let last = performance.now();
  let timer: NodeJS.Timeout | undefined;

  const run = () => {
    let delay = FASTEST_MS;
    try {
      // A checkpoint cannot run on a connection inside a transaction.
      sqlite.commitPendingWrites();
      const changes = changesSoFar.get() ?? 0;
      const result = checkpoint.get() ?? { log: 0, checkpointed: 0 };
      const now = performance.now();
      delay = nextCheckpointDelay(framesAdded(result, changes !== changesBefore), now - last);
      changesBefore = changes;
      last = now;
    } catch (error) {
      logger.warn({ err: error }, 'WAL checkpoint failed');
    }
    timer = setTimeout(run, delay).unref();
  };
  timer = setTimeout(run, FASTEST_MS).unref();
  return {
    stop() {
      clearTimeout(timer);
      timer = undefined;
      if (client.open) client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    },
  };
}
