import type { TaskChangeKind } from '../../shared/api';
import type { TaskEventKind } from '../../shared/coordination';
import type { Task } from '../../shared/task';
import type { ChangeLogEntry } from '../db/change-log-repository';
import type { LiveEvents } from './live-events';

/** What the UI's rows call each kind of change in the history; claims and notes update the row. */
const CHANGE_OF: Record<TaskEventKind, TaskChangeKind> = {
  created: 'added',
  updated: 'updated',
  completed: 'completed',
  reopened: 'reopened',
  deleted: 'deleted',
  restored: 'restored',
  claimed: 'updated',
  renewed: 'updated',
  released: 'updated',
  lease_expired: 'updated',
  noted: 'updated',
};

/**
 * Publishes change-log entries with each task as it now is. All or nothing:
 * every task is read before the first event goes out, so a failed read
 * publishes none and the whole batch can be read again.
 */
export function createChangePublisher(
  showAll: (userId: string, ids: readonly string[]) => Promise<Task[]>,
  live: LiveEvents,
) {
  return async function publish(entries: readonly ChangeLogEntry[]): Promise<void> {
    const idsByUser = new Map<string, Set<string>>();
    for (const entry of entries)
      idsByUser.set(entry.userId, (idsByUser.get(entry.userId) ?? new Set()).add(entry.taskId));
    const shown = new Map<string, Task>();
    for (const [userId, ids] of idsByUser) {
      for (const task of await showAll(userId, [...ids])) shown.set(`${userId}\u0000${task.id}`, task);
    }
    for (const entry of entries) {
      const task = shown.get(`${entry.userId}\u0000${entry.taskId}`);
      if (!task) continue;
      const change = CHANGE_OF[entry.kind];
      live.publish(entry.userId, 'task', { task, change, by: entry.actorLabel, at: entry.createdAt });
    }
  };
}
