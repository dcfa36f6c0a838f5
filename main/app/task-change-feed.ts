import { CHANGE_CHANNEL, createChangeLogRepository } from '../db/change-log-repository';
import type { DatabaseHandle } from '../db/database';
import { startChangeFeed, type ChangeFeed } from '../live/change-feed';
import type { LiveEvents } from '../live/live-events';
import type { ChangeReads } from '../live/publish-changes';
import type { Logger } from '../logging/logger';

/** SQLite: how often the file is checked for another process's commit (a cheap synchronous pragma). */
const SQLITE_POLL_MS = 75;
/**
 * Postgres: NOTIFY wakes the feed at once. While anyone listens this poll
 * also reads the log every second, woken or not, so a change is still
 * published (up to a second late) when its NOTIFY never arrives: while the
 * listening connection is down or being re-opened, after a failed read, and
 * for a late commit into a gap whose NOTIFY came before the gap was known.
 */
const POSTGRES_POLL_MS = 1000;
/**
 * Postgres hands out identity numbers before commit, so a transaction that
 * took seq 10 may commit after one that took 11; a skipped number is looked
 * for again this long. SQLite's one writer commits numbers in order.
 */
const POSTGRES_LATE_COMMIT_MS = 5000;

/** The live feed of task changes over one database, woken the way its dialect allows. */
export function startTaskChangeFeed(
  handle: DatabaseHandle,
  deps: { reads: ChangeReads; live: LiveEvents; logger: Logger },
): ChangeFeed {
  const log = createChangeLogRepository(handle);
  if (handle.sqlite) {
    return startChangeFeed({
      ...deps,
      log,
      lateCommitMs: 0,
      pollMs: SQLITE_POLL_MS,
      changedElsewhere: handle.sqlite.watchOtherWriters(),
    });
  }
  const feed = startChangeFeed({ ...deps, log, lateCommitMs: POSTGRES_LATE_COMMIT_MS, pollMs: POSTGRES_POLL_MS });
  const listener = handle.postgres?.listen(CHANGE_CHANNEL, {
    onNotification: (userId) => {
      if (deps.live.isWatched(userId)) void feed.wake();
    },
    onListening: () => void feed.wake(),
  });
  return {
    wake: feed.wake,
    stop: async () => {
      await listener?.close();
      await feed.stop();
    },
  };
}
