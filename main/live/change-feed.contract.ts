import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskChange } from '../../shared/api';
import type { Result } from '../../shared/result';
import { createChangeLogRepository } from '../db/change-log-repository';
import type { DatabaseHandle } from '../db/database';
import { openDatabase } from '../db/open-database';
import { createTaskRepository } from '../db/task-repository';
import { createUserRepository, type UserRepository } from '../db/user-repository';
import { startTaskChangeFeed } from '../app/task-change-feed';
import { createLogger } from '../logging/logger';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';
import { createTaskService, type TaskService } from '../tasks/task-service';
import { startChangeFeed, type ChangeFeed } from './change-feed';
import { createLiveEvents, type LiveEvents } from './live-events';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const readsOf = (tasks: TaskService) => ({
  showAll: (user: string, ids: readonly string[]) => tasks.showAll(user, ids),
  dependents: (user: string, blockerIds: readonly string[]) => tasks.dependents(user, blockerIds),
});

/** Absence can only be shown by waiting: several of the feed's polls (75 ms SQLite) and any NOTIFY. */
const QUIET_MS = 400;
const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

export interface FeedSuite {
  /** The reader's database, as a server process holds it. */
  reader: () => TestDatabase;
  /** Subscribes to a user's task events and resolves once the feed reads for them. */
  listen: (user: string) => Promise<TaskChange[]>;
  /** A task service writing through another connection (another process's pool). */
  other: () => TaskService;
  /** Makes `user` exist, so tasks can be written for them before anyone listens. */
  ensureUser: (user: string) => Promise<void>;
}

/**
 * The live feed as every database must give it: changes written through
 * another connection (another process) are published once each, in order,
 * with the task as it now is and who made it; nothing written before anyone
 * listened is replayed; only the users listened for are read.
 */
export function describeChangeFeedContract(target: DatabaseTarget, extra?: (suite: FeedSuite) => void): void {
  const logger = createLogger('silent');
  let reader: TestDatabase;
  let writer: DatabaseHandle;
  let local: TaskService;
  let other: TaskService;
  let live: LiveEvents;
  let users: UserRepository;
  /** How far the other process's clock runs ahead: moved to let a lease run out without waiting. */
  let otherAhead = 0;
  let feed: ChangeFeed;
  const stops: (() => void)[] = [];

  beforeAll(async () => {
    reader = await openTestDatabase(target);
    users = createUserRepository(reader.handle);
    writer = await openDatabase(reader.location, logger);
    live = createLiveEvents(logger);
    local = createTaskService({ tasks: createTaskRepository(reader.handle), onCommit: () => void feed.wake() });
    other = createTaskService({ tasks: createTaskRepository(writer), clock: () => new Date(Date.now() + otherAhead) });
    feed = startTaskChangeFeed(reader.handle, { reads: readsOf(local), live, logger });
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });
  afterAll(async () => {
    await feed.stop();
    await writer.close();
    await reader.cleanup();
  });

  /** Listens for `user`'s task events from now on; resolves once the feed reads for them. */
  async function listen(user: string): Promise<TaskChange[]> {
    await users.ensure(user, user);
    const events: TaskChange[] = [];
    stops.push(live.subscribe(user, (name, data) => name === 'task' && events.push(data as TaskChange)));
    await feed.wake();
    return events;
  }
  const summary = (events: TaskChange[]) => events.map((e) => [e.change, e.by, e.task.title, e.task.completed]);

  it("publishes another process's changes once each, in order, as the task now is and with who made them", async () => {
    const events = await listen('u-order');
    const { id } = value(await other.add('u-order', { title: 'from elsewhere' }, 'Claude Desktop'));
    value(await other.update('u-order', { task_id: id, title: 'renamed elsewhere' }, 'Cursor'));
    value(await other.complete('u-order', { task_id: id }, 'Cursor'));
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await quiet();
    expect(events.map((e) => [e.change, e.by])).toEqual([
      ['added', 'Claude Desktop'],
      ['updated', 'Cursor'],
      ['completed', 'Cursor'],
    ]);
    // Each shows the task as it was when the feed read it, so the last shows the end state.
    expect(events.every((e) => e.task.id === id)).toBe(true);
    expect([events[2]?.task.title, events[2]?.task.completed]).toEqual(['renamed elsewhere', true]);
  });

  it('publishes the tasks a blocker blocks as updated when it closes or opens, with their blocked flag as it now is', async () => {
    const events = await listen('u-blocks');
    const blocker = value(await other.add('u-blocks', { title: 'blocker' }, 'Planner'));
    const waiting = value(await other.add('u-blocks', { title: 'waiting', blocked_by: [blocker.id] }, 'Planner'));
    value(await other.add('u-blocks', { title: 'bystander' }, 'Planner'));
    // Read between the changes: each event shows the task as it is when the feed reads it.
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    value(await other.complete('u-blocks', { task_id: blocker.id }, 'Worker'));
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(5);
    value(await other.complete('u-blocks', { task_id: blocker.id, completed: false }, 'Reviewer'));
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(7);
    await quiet();
    expect(events.map((e) => [e.change, e.by, e.task.title, e.task.blocked])).toEqual([
      ['added', 'Planner', 'blocker', false],
      ['added', 'Planner', 'waiting', true],
      ['added', 'Planner', 'bystander', false],
      ['completed', 'Worker', 'blocker', false],
      ['updated', 'Worker', 'waiting', false],
      ['reopened', 'Reviewer', 'blocker', false],
      ['updated', 'Reviewer', 'waiting', true],
    ]);
    expect(events[4]?.task.id).toBe(waiting.id);
  });

  it('publishes this process’s own changes once, through the same path', async () => {
    const events = await listen('u-local');
    const { id } = value(await local.add('u-local', { title: 'mine' }, 'Local Agent'));
    value(await local.delete('u-local', { task_id: id }, 'Local Agent'));
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await quiet();
    expect(summary(events)).toEqual([
      ['added', 'Local Agent', 'mine', false],
      ['deleted', 'Local Agent', 'mine', false],
    ]);
    expect(events[1]?.task.deleted_at).not.toBeNull();
  });

  it("publishes a lease that ran out in another process's sweep, by TaskDesk, with the claim gone", async () => {
    const events = await listen('u-lease');
    const { id } = value(await other.add('u-lease', { title: 'held too long' }, 'Sleepy Agent'));
    value(await other.claim('u-lease', { task_id: id, lease_seconds: 30 }, 'Sleepy Agent'));
    otherAhead = 31_000;
    try {
      expect(await other.expireLapsedClaims()).toBeGreaterThanOrEqual(1);
    } finally {
      otherAhead = 0;
    }
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await quiet();
    expect(events.map((e) => [e.change, e.by])).toEqual([
      ['added', 'Sleepy Agent'],
      ['updated', 'Sleepy Agent'],
      ['updated', 'TaskDesk'],
    ]);
    expect(events[2]?.task.claim).toBeNull();
  });

  it('replays nothing written before anyone listened', async () => {
    await users.ensure('u-late', 'u-late');
    for (let i = 0; i < 3; i++) value(await other.add('u-late', { title: `old ${i}` }, 'Earlier'));
    const events = await listen('u-late');
    value(await other.add('u-late', { title: 'new' }, 'Later'));
    await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    await quiet();
    expect(summary(events)).toEqual([['added', 'Later', 'new', false]]);
  });

  it('shows a user who starts listening while another listens nothing from before then', async () => {
    const first = await listen('u-first');
    await users.ensure('u-second', 'u-second');
    value(await other.add('u-first', { title: 'for the first' }, 'Agent'));
    await expect.poll(() => first.length, { timeout: 5000 }).toBe(1);
    value(await other.add('u-second', { title: 'before the second listened' }, 'Agent'));
    const second = await listen('u-second');
    value(await other.add('u-second', { title: 'after the second listened' }, 'Agent'));
    await expect.poll(() => second.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    await quiet();
    expect(summary(second)).toEqual([['added', 'Agent', 'after the second listened', false]]);
    expect(summary(first)).toEqual([['added', 'Agent', 'for the first', false]]);
  });

  it('reads only the users someone listens for', async () => {
    const asked: string[][] = [];
    const ownLive = createLiveEvents(logger);
    const log = createChangeLogRepository(reader.handle);
    const spy = startChangeFeed({
      log: {
        newestSeqs: (count) => log.newestSeqs(count),
        readAfter: (users, after, missing, limit) => {
          asked.push([...users]);
          return log.readAfter(users, after, missing, limit);
        },
      },
      reads: readsOf(local),
      live: ownLive,
      logger,
      lateCommitMs: 0,
      pollMs: 50,
    });
    await users.ensure('u-watched', 'u-watched');
    const events: TaskChange[] = [];
    const stop = ownLive.subscribe('u-watched', (name, data) => name === 'task' && events.push(data as TaskChange));
    try {
      await users.ensure('u-unwatched', 'u-unwatched');
      value(await other.add('u-unwatched', { title: 'nobody looks' }, 'Agent'));
      value(await other.add('u-watched', { title: 'looked at' }, 'Agent'));
      await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      await spy.wake();
      await quiet();
      expect(summary(events)).toEqual([['added', 'Agent', 'looked at', false]]);
      expect(asked.length).toBeGreaterThan(0);
      expect(new Set(asked.map((users) => users.join()))).toEqual(new Set(['u-watched']));
    } finally {
      stop();
      await spy.stop();
    }
  });

  it('publishes a burst larger than one read, each change once and in order', async () => {
    const events = await listen('u-burst');
    const titles = Array.from({ length: 450 }, (_, i) => `burst ${String(i).padStart(3, '0')}`);
    for (const title of titles) value(await other.add('u-burst', { title }, 'Bulk'));
    await expect.poll(() => events.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(titles.length);
    await quiet();
    expect(events.map((e) => e.task.title)).toEqual(titles);
  });

  it('publishes changes whose first publishing failed on a later poll, with no further write', async () => {
    const ownLive = createLiveEvents(logger);
    let failures = 1;
    const retrying = startTaskChangeFeed(reader.handle, {
      reads: {
        ...readsOf(local),
        showAll: (user, ids) =>
          failures-- > 0 ? Promise.reject(new Error('tasks unreadable for a moment')) : local.showAll(user, ids),
      },
      live: ownLive,
      logger,
    });
    // A write through the reader's own connection: on SQLite data_version does not move, so only the retry reads again.
    const writes = createTaskService({
      tasks: createTaskRepository(reader.handle),
      onCommit: () => void retrying.wake(),
    });
    await users.ensure('u-retry', 'u-retry');
    const events: TaskChange[] = [];
    const stop = ownLive.subscribe('u-retry', (name, data) => name === 'task' && events.push(data as TaskChange));
    try {
      await retrying.wake();
      value(await writes.add('u-retry', { title: 'kept for the retry' }, 'Agent'));
      await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      await quiet();
      expect(summary(events)).toEqual([['added', 'Agent', 'kept for the retry', false]]);
      expect(failures).toBeLessThan(0);
    } finally {
      stop();
      await retrying.stop();
    }
  });

  it('reads again on a later poll after reading the log failed, with no further write', async () => {
    const ownLive = createLiveEvents(logger);
    const log = createChangeLogRepository(reader.handle);
    let failures = 0;
    const retrying = startChangeFeed({
      log: {
        newestSeqs: (count) => log.newestSeqs(count),
        readAfter: (...args) =>
          failures-- > 0 ? Promise.reject(new Error('log unreadable for a moment')) : log.readAfter(...args),
      },
      reads: readsOf(local),
      live: ownLive,
      logger,
      lateCommitMs: 0,
      pollMs: 50,
      // As on SQLite after this process's own commit: no other writer, so only the retry reads again.
      changedElsewhere: () => false,
    });
    await users.ensure('u-reread', 'u-reread');
    const events: TaskChange[] = [];
    const stop = ownLive.subscribe('u-reread', (name, data) => name === 'task' && events.push(data as TaskChange));
    try {
      await retrying.wake();
      value(await other.add('u-reread', { title: 'read on the retry' }, 'Agent'));
      failures = 1;
      await retrying.wake();
      expect(failures).toBe(0);
      await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      await quiet();
      expect(summary(events)).toEqual([['added', 'Agent', 'read on the retry', false]]);
    } finally {
      stop();
      await retrying.stop();
    }
  });

  it('waits longer between retries while the log stays unreadable, rather than retrying every poll', async () => {
    const ownLive = createLiveEvents(logger);
    const log = createChangeLogRepository(reader.handle);
    let attempts = 0;
    let broken = false;
    const retrying = startChangeFeed({
      log: {
        newestSeqs: (count) => log.newestSeqs(count),
        readAfter: (...args) => {
          if (!broken) return log.readAfter(...args);
          attempts += 1;
          return Promise.reject(new Error('log unreadable for a while'));
        },
      },
      reads: readsOf(local),
      live: ownLive,
      logger,
      lateCommitMs: 0,
      pollMs: 20,
      changedElsewhere: () => false,
    });
    await users.ensure('u-outage', 'u-outage');
    const stop = ownLive.subscribe('u-outage', () => undefined);
    try {
      await retrying.wake();
      broken = true;
      await retrying.wake();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      // Every poll would be about 60 attempts; doubling waits from 40 ms allow about 5.
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(attempts).toBeLessThan(15);
    } finally {
      stop();
      await retrying.stop();
    }
  });

  it("shows a user who starts listening during another user's read their changes committed meanwhile", async () => {
    const ownLive = createLiveEvents(logger);
    const log = createChangeLogRepository(reader.handle);
    const starts: Promise<number[]>[] = [];
    let hold: { entered: () => void; released: Promise<void> } | undefined;
    const gated = startChangeFeed({
      log: {
        newestSeqs: (count) => {
          const start = log.newestSeqs(count);
          starts.push(start);
          return start;
        },
        readAfter: async (...args) => {
          const held = hold;
          hold = undefined;
          held?.entered();
          await held?.released;
          return log.readAfter(...args);
        },
      },
      reads: readsOf(local),
      live: ownLive,
      logger,
      lateCommitMs: 0,
      pollMs: 50,
    });
    await users.ensure('u-reading', 'u-reading');
    await users.ensure('u-joining', 'u-joining');
    const first: TaskChange[] = [];
    const second: TaskChange[] = [];
    const stops = [ownLive.subscribe('u-reading', (name, data) => name === 'task' && first.push(data as TaskChange))];
    try {
      await gated.wake();
      let release: () => void = () => undefined;
      const entered = new Promise<void>((resolve) => {
        hold = { entered: resolve, released: new Promise((resolved) => (release = resolved)) };
      });
      const inFlight = gated.wake();
      await entered;
      stops.push(ownLive.subscribe('u-joining', (name, data) => name === 'task' && second.push(data as TaskChange)));
      await starts.at(-1);
      value(await other.add('u-joining', { title: 'while the other read' }, 'Agent'));
      value(await other.add('u-reading', { title: 'read past it' }, 'Agent'));
      release();
      await inFlight;
      await expect.poll(() => second.length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      await quiet();
      expect(summary(second)).toEqual([['added', 'Agent', 'while the other read', false]]);
      expect(summary(first)).toEqual([['added', 'Agent', 'read past it', false]]);
    } finally {
      for (const stop of stops) stop();
      await gated.stop();
    }
  });

  const suite: FeedSuite = {
    reader: () => reader,
    listen,
    other: () => other,
    ensureUser: async (user) => {
      await users.ensure(user, user);
    },
  };
  if (extra) describe('dialect specifics', () => extra(suite));
}
