import type { ChangeLogEntry, ChangeLogRepository } from '../db/change-log-repository';
import type { Logger } from '../logging/logger';
import type { LiveEvents } from './live-events';
import { createChangePublisher, type ChangeReads } from './publish-changes';
import { createSeqWindow, type SeqWindow } from './seq-window';
import { isNewTo, startingPointOf, type StartingPoint } from './starting-point';

/** How many events one read takes; a longer backlog is read in several. */
const BATCH = 200;
/** The shortest time from one read's start to the next (see `pauseSince`). */
const MIN_READ_GAP_MS = 15;
/** Where late commits are possible: how many numbers below a listener's start may belong to open transactions. */
const LOOKBACK = 128;
// The longest wait between retries of a failing read while someone listens.
const RETRY_MAX_MS = 5000;

export interface ChangeFeedOptions {
  log: Pick<ChangeLogRepository, 'newestSeqs' | 'readAfter'>;
  /** How changed tasks (and the tasks their blockers' changes move) are read for publishing. */
  reads: ChangeReads;
  live: LiveEvents;
  logger: Logger;
  /** How long a skipped sequence number is looked for again: a Postgres transaction may commit after a later one. */
  lateCommitMs: number;
  /** How often to look without being woken. */
  pollMs: number;
  /** Asked on each poll, if given: whether another process may have written (SQLite's data_version). */
  changedElsewhere?: () => boolean;
  batch?: number;
  now?: () => number;
}

/**
 * The one source of the UI's task events, in every process: changes are read
 * from the change log (task_events) by sequence, whoever wrote them (this
 * process, a `taskdesk stdio` process on the same file, another server on the
 * same Postgres, the lease sweeper), and published once each, oldest first,
 * with the task as it now is. Only while someone listens, and only for the
 * users listened for; reading starts at the newest event then, so nothing
 * old is replayed. `wake` asks for a read now (a local commit, a NOTIFY).
 */
export function startChangeFeed(options: ChangeFeedOptions) {
  const { log, reads, live, logger, lateCommitMs, batch = BATCH, now = Date.now } = options;
  const publish = createChangePublisher(reads, live);
  let position: SeqWindow | undefined;
  /**
   * Per user, where they began to be listened for: the feed's position trails
   * the whole log (it moves with the events it reads), so a user who starts
   * listening later is shown nothing from before then. Asked for the moment
   * they subscribe, not when a read gets to it: the UI reads its lists once
   * its stream is open, and a change committed in between must be announced.
   */
  const floors = new Map<string, Promise<Floor>>();
  const lookback = lateCommitMs > 0 ? LOOKBACK : 1;

  let reading: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  /** The last read failed: the next poll reads again even if nothing changed (its events are still unread). */
  let failed = false;
  // Retries after a failure wait longer each time (up to RETRY_MAX_MS), so an outage logs a line every few seconds, not every poll.
  let failures = 0;
  let retryAt = 0;

  function placeFloor(userId: string): void {
    const floor = log.newestSeqs(lookback).then((seqs): Floor => {
      const start = startingPointOf(seqs, lookback);
      return { start, caughtUp: start.seq, joined: false };
    });
    floors.set(userId, floor);
    // A failed read is placed again by the next read (see readAll), which then reports the failure.
    floor.catch(() => {
      if (floors.get(userId) === floor) floors.delete(userId);
    });
  }

  async function readAll(): Promise<void> {
    const users = live.watchedUsers();
    if (users.length === 0) {
      position = undefined;
      floors.clear();
      return;
    }
    for (const user of floors.keys()) if (!users.includes(user)) floors.delete(user);
    for (const user of users) if (!floors.has(user)) placeFloor(user);
    const known = new Map(await Promise.all(users.map(async (user) => [user, await floors.get(user)] as const)));
    const starts = [...known.values()].map((floor) => floor?.start.seq ?? Infinity);
    const window = (position ??= createSeqWindow(Math.min(...starts), lateCommitMs));
    for (const [user, floor] of known) if (floor) await join(user, floor, window);
    for (;;) {
      const { after, missing } = window.unread(now());
      const entries = await log.readAfter(users, after, missing, batch);
      const floorOf = (userId: string) => known.get(userId)?.start;
      await publish(entries.filter((entry) => isNew(floorOf(entry.userId), entry.seq)));
      // Marked read only once published: after a failure they are read again.
      window.read(
        entries.map((entry) => entry.seq),
        now(),
      );
      if (entries.length < batch || stopped) return;
    }
  }

  const isNew = (start: StartingPoint | undefined, seq: number) => start !== undefined && isNewTo(start, seq);

  /**
   * Once per floor, before the user is read for with everyone: looks below
   * their start for late commits, and if the feed has already read past their
   * start (a read in flight when they subscribed read only the users it began
   * with), reads that stretch for them alone, or their changes in it would be
   * skipped (SQLite keeps no gaps).
   */
  async function join(userId: string, floor: Floor, window: SeqWindow): Promise<void> {
    if (floor.joined) return;
    window.lookBelow(floor.start.late, now());
    const upTo = (floor.readTo ??= window.high());
    while (floor.caughtUp < upTo) {
      const entries: ChangeLogEntry[] = (await log.readAfter([userId], floor.caughtUp, [], batch)).filter(
        (entry) => entry.seq <= upTo,
      );
      await publish(entries);
      // Cut out of any gap, so the shared reads do not hand them out again.
      window.read(
        entries.map((entry) => entry.seq),
        now(),
      );
      floor.caughtUp = entries.length < batch ? upTo : (entries.at(-1)?.seq ?? upTo);
    }
    floor.joined = true;
  }

  let lastRead = 0;
  /**
   * Under a burst of local commits reads follow one another at most this
   * often: on SQLite each read first commits the writes waiting in the open
   * group, so back-to-back reads would shrink every group to one write. The
   * UI draws at most once a frame anyway.
   */
  const pauseSince = (last: number) => {
    const wait = last + MIN_READ_GAP_MS - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };

  // A function, not an inline test: `again` is set by wakes that arrive while a read awaits.
  const readAgain = () => again && !stopped;

  /**
   * Reads until nothing is left; a wake while reading reads once more after.
   * Resolves when that read is done (never rejects: a failed read is logged
   * and the next poll retries).
   */
  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        await pauseSince(lastRead);
        lastRead = now();
        try {
          await readAll();
          failed = false;
          failures = 0;
        } catch (error) {
          failed = true;
          failures += 1;
          retryAt = now() + Math.min(options.pollMs * 2 ** failures, RETRY_MAX_MS);
          logger.warn({ err: error }, 'could not read the change log; the next poll retries');
          return;
        }
      } while (readAgain());
    })().finally(() => (reading = undefined));
    return reading;
  }

  const timer = setInterval(() => {
    if (live.watchedUsers().length === 0) {
      position = undefined;
      floors.clear();
      return;
    }
    const changed = options.changedElsewhere?.() ?? true;
    if (changed || !position || (failed && now() >= retryAt)) void wake();
  }, options.pollMs);
  timer.unref();
  const stopWatching = live.whenWatched((userId) => {
    placeFloor(userId);
    void wake();
  });

  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      stopWatching();
      await reading;
    },
  };
}

interface Floor {
  start: StartingPoint;
  /** Set by `join`: how far the feed had read when it first read for this user, and how far that stretch is read. */
  readTo?: number;
  caughtUp: number;
  joined: boolean;
}

export type ChangeFeed = ReturnType<typeof startChangeFeed>;
