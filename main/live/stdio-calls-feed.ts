import type { TaskChangeKind } from '../../shared/api';
import type { ToolCallRepository } from '../db/tool-call-repository';
import type { Task } from '../../shared/task';
import type { Logger } from '../logging/logger';
import { toToolCall } from '../tool-log/tool-call-log';
import type { LiveEvents } from './live-events';

// Often enough that a change made over stdio shows in the UI within a few
// hundred milliseconds (the other process also batches its log for 50 ms).
const POLL_MS = 100;
// The other process writes its log a little after each call starts; rows can
// land with a start time just behind what was already read.
const LOOKBACK_MS = 2000;
const BATCH = 200;
const SEEN_MAX = 5000;

const CHANGE_OF: Record<string, (completed: boolean) => TaskChangeKind> = {
  add_task: () => 'added',
  update_task: () => 'updated',
  complete_task: (completed) => (completed ? 'completed' : 'reopened'),
  delete_task: () => 'deleted',
};

/**
 * Agents that only speak stdio (Claude Desktop) run `taskdesk stdio` as a
 * process of their own, sharing the database but not this process's events.
 * While a UI is listening, their calls are read from the shared tool-call log
 * and announced like local ones, with the task each one changed.
 */
export function startStdioCallsFeed(deps: {
  calls: ToolCallRepository;
  /** The task as the UI shows it (project, blockers, claim), deleted or not. */
  showTask: (userId: string, taskId: string) => Promise<Task | undefined>;
  live: LiveEvents;
  logger: Logger;
}) {
  const { calls, showTask, live, logger } = deps;
  const seen = new Set<string>();
  let since = new Date().toISOString();
  let running = false;

  async function announce(userId: string): Promise<void> {
    const after = new Date(Date.parse(since) - LOOKBACK_MS).toISOString();
    for (const row of await calls.tokenlessSince(userId, after, BATCH)) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (row.createdAt > since) since = row.createdAt;
      live.publish(userId, 'tool_call', toToolCall(row));
      const change = CHANGE_OF[row.tool];
      if (!change || !row.taskId || row.outcome !== 'success') continue;
      const task = await showTask(userId, row.taskId);
      if (!task) continue;
      live.publish(userId, 'task', { task, change: change(task.completed), by: row.clientLabel, at: task.updated_at });
    }
    for (const id of seen) {
      if (seen.size <= SEEN_MAX) break;
      seen.delete(id);
    }
  }

  const timer = setInterval(() => {
    const users = live.watchedUsers();
    if (running || users.length === 0) return;
    running = true;
    Promise.all(users.map(announce))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not read calls made over stdio'))
      .finally(() => (running = false));
  }, POLL_MS);
  timer.unref();

  return { stop: () => clearInterval(timer) };
}
