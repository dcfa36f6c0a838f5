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

/** Changes that open or close a task as a blocker, so the tasks it blocks become blocked or ready. */
const MOVES_DEPENDENTS: ReadonlySet<TaskEventKind> = new Set(['completed', 'reopened', 'deleted', 'restored']);

export interface ChangeReads {
  /** The user's tasks among `ids` as the UI shows them, deleted ones included. */
  showAll: (userId: string, ids: readonly string[]) => Promise<Task[]>;
  /** Which tasks each of `blockerIds` blocks: their blocked flag moves with their blockers, without an event of their own. */
  dependents: (userId: string, blockerIds: readonly string[]) => Promise<{ taskId: string; blockerId: string }[]>;
}

const keyOf = (userId: string, taskId: string) => `${userId}\u0000${taskId}`;

/**
 * Publishes change-log entries with each task as it now is, and after a
 * blocker closes or opens, each task it blocks as updated (its blocked flag
 * moved though it has no event of its own). All or nothing: every task is
 * read before the first event goes out, so a failed read publishes none and
 * the whole batch can be read again.
 */
export function createChangePublisher(reads: ChangeReads, live: LiveEvents) {
  return async function publish(entries: readonly ChangeLogEntry[]): Promise<void> {
    const idsByUser = new Map<string, Set<string>>();
    const dependentsOf = new Map<string, string[]>();
    for (const entry of entries) {
      idsByUser.set(entry.userId, (idsByUser.get(entry.userId) ?? new Set()).add(entry.taskId));
    }
    for (const [userId, ids] of idsByUser) {
      const blockers = entries.filter((e) => e.userId === userId && MOVES_DEPENDENTS.has(e.kind)).map((e) => e.taskId);
      for (const { taskId, blockerId } of await reads.dependents(userId, [...new Set(blockers)])) {
        const key = keyOf(userId, blockerId);
        dependentsOf.set(key, [...(dependentsOf.get(key) ?? []), taskId]);
        ids.add(taskId);
      }
    }
    const shown = new Map<string, Task>();
    for (const [userId, ids] of idsByUser) {
      for (const task of await reads.showAll(userId, [...ids])) shown.set(keyOf(userId, task.id), task);
    }
    for (const entry of entries) {
      const task = shown.get(keyOf(entry.userId, entry.taskId));
      if (!task) continue;
      const change = CHANGE_OF[entry.kind];
      const by = entry.actorLabel;
      const at = entry.createdAt;
      live.publish(entry.userId, 'task', { task, change, by, at });
      if (!MOVES_DEPENDENTS.has(entry.kind)) continue;
      for (const dependentId of dependentsOf.get(keyOf(entry.userId, entry.taskId)) ?? []) {
        const dependent = shown.get(keyOf(entry.userId, dependentId));
        // A deleted dependent is out of every list; its own events say so.
        if (dependent && dependent.deleted_at === null) {
          live.publish(entry.userId, 'task', { task: dependent, change: 'updated', by, at });
        }
      }
    }
  };
}
