import type { DatabaseHandle } from '../db/database';
import { createTaskRepository } from '../db/task-repository';
import { createTokenRepository } from '../db/token-repository';
import { createToolCallRepository } from '../db/tool-call-repository';
import { createUserRepository } from '../db/user-repository';
import { createLiveEvents } from '../live/live-events';
import type { ChangeFeed } from '../live/change-feed';
import { startStdioCallsFeed } from '../tool-log/stdio-calls-feed';
import { startTaskChangeFeed } from './task-change-feed';
import type { Logger } from '../logging/logger';
import { startLeaseSweeper } from '../tasks/lease-sweeper';
import { createTaskService } from '../tasks/task-service';
import { createTaskWindows } from '../tasks/task-windows';
import { createTokenService } from '../tokens/token-service';
import { startStatisticsKeeper } from '../db/postgres/planner-statistics';
import { openToolCallStore } from '../tool-log/tool-call-store';
import { createToolCallLog, DEFAULT_RETENTION } from '../tool-log/tool-call-log';
import { createTokenSightings } from '../tokens/token-sightings';

export interface ServiceOptions {
  toolLogRetention?: number | undefined;
  /** The time tasks are stamped and leases judged by (tests move it). */
  clock?: (() => Date) | undefined;
  /** How often lapsed claims are ended; LEASE_SWEEP_MS unless a test says otherwise. */
  leaseSweepMs?: number | undefined;
}

/** Every service over one open database; each edge (HTTP, stdio, CLI) uses these and nothing below them. */
export function createServices(handle: DatabaseHandle, logger: Logger, options: ServiceOptions = {}) {
  const users = createUserRepository(handle);
  const tokenRepository = createTokenRepository(handle);
  const calls = createToolCallRepository(handle);
  const retention = options.toolLogRetention ?? DEFAULT_RETENTION;
  const store = openToolCallStore(handle, { calls, tokens: tokenRepository }, { retention, logger });
  const live = createLiveEvents(logger);
  const toolLog = createToolCallLog({ store, calls, logger, writes: handle.writes });
  toolLog.subscribe(
    (call) => live.publish(call.user, 'tool_call', call),
    (userId) => live.isWatched(userId),
  );
  const taskRepository = createTaskRepository(handle);
  let stdioFeed: { stop: () => void } | undefined;
  let checkpoints: { stop: () => void } | undefined;
  let leaseSweeper: { stop: () => void } | undefined;
  let statistics: { stop: () => Promise<void> } | undefined;
  let changeFeed: ChangeFeed | undefined;
  const tasks = createTaskService({
    tasks: taskRepository,
    onCommit: () => void changeFeed?.wake(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const tokens = createTokenService({
    tokens: tokenRepository,
    users,
    onChange: (info) => live.publish(info.user, 'token', info),
    projects: {
      ensure: (userId, names) => tasks.ensureProjects(userId, names),
      named: (userId, ids) => tasks.projectNames(userId, ids),
    },
  });
  const sightings = createTokenSightings({
    tokens: tokenRepository,
    logger,
    onWritten: (ids) => tokens.changed(ids),
  });
  return {
    tasks,
    /** The UI's list by position, with the filtered total. */
    taskWindows: createTaskWindows(taskRepository, options.clock),
    tokens,
    /** When each token last authenticated a request; flushed in batches. */
    sightings,
    toolLog,
    /** Task changes and tool calls as they happen, per user: what the UI's event stream carries. */
    live,
    users,
    /** For a long-running server: start background work now rather than on first use. */
    startBackgroundWork: () => {
      if (handle.sqlite) checkpoints ??= handle.sqlite.startCheckpoints(logger);
      if (handle.kind === 'postgres') statistics ??= startStatisticsKeeper(handle, logger);
      stdioFeed ??= startStdioCallsFeed({ calls, watchedUsers: live.watchedUsers, announce: toolLog.announce, logger });
      changeFeed ??= startTaskChangeFeed(handle, {
        reads: {
          showAll: (userId, ids) => tasks.showAll(userId, ids),
          dependents: (userId, blockerIds) => tasks.dependents(userId, blockerIds),
        },
        live,
        logger,
      });
      leaseSweeper ??= startLeaseSweeper({
        expireLapsedClaims: () => tasks.expireLapsedClaims(),
        logger,
        intervalMs: options.leaseSweepMs,
      });
    },
    stopBackgroundWork: async () => {
      checkpoints?.stop();
      checkpoints = undefined;
      stdioFeed?.stop();
      const feed = changeFeed;
      changeFeed = undefined;
      await feed?.stop();
      leaseSweeper?.stop();
      leaseSweeper = undefined;
      const keeper = statistics;
      statistics = undefined;
      await keeper?.stop();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
