import { COORDINATION_LIMITS } from '../../shared/coordination';
import { fail, ok, type Result } from '../../shared/result';
import type { TaskLink, TaskWriteScope } from '../db/task-writes';

/**
 * The rules that link tasks to each other: a parent in the same project and
 * at most five levels deep, blockers that exist and never close a cycle.
 * Each check runs inside the change's transaction, after lockGraph, so two
 * changes cannot each pass alone and together break a rule.
 */

const missing = (field: string, id: string) =>
  fail(
    'not_found',
    `${field} names no task with id ${id}; it may have been deleted. Call list_tasks to see current tasks`,
  );

const describe = (link: Pick<TaskLink, 'id' | 'title'>) => `${link.id} '${link.title}'`;

/** Names tasks for a message: a few in full, then how many more. */
export function nameTasks(links: readonly Pick<TaskLink, 'id' | 'title'>[], shown = 5): string {
  const named = links.slice(0, shown).map(describe).join(', ');
  return links.length > shown ? `${named} and ${links.length - shown} more` : named;
}

/** The parent's project must be the task's; the tree from the root to the task's deepest subtask at most 5 levels. */
export async function checkParent(
  writes: TaskWriteScope,
  userId: string,
  task: { id: string; projectId: string | null; isNew: boolean },
  parentId: string,
): Promise<Result<TaskLink>> {
  const [parent] = await writes.lockLinks(userId, [parentId]);
  if (!parent || parent.deletedAt !== null) return missing('parent_id', parentId);
  if (parent.id === task.id) return fail('validation_error', 'parent_id must name another task, not the task itself');
  if (parent.projectId !== task.projectId) {
    return fail(
      'validation_error',
      `parent_id ${parentId} is in ${parent.projectId === null ? 'no project' : 'another project'}; a subtask must be in its parent's project (set project to match, or leave project out when adding)`,
    );
  }
  let levels = 1;
  for (let at: TaskLink | undefined = parent; at?.parentId; levels++) {
    if (at.parentId === task.id) {
      return fail(
        'conflict',
        `parent_id ${parentId} is a subtask of task ${task.id}; a task cannot be nested under its own subtask`,
      );
    }
    [at] = await writes.links(userId, [at.parentId]);
  }
  const height = task.isNew ? 1 : await subtreeHeight(writes, task.id);
  if (levels + height > COORDINATION_LIMITS.nestingMax) {
    return fail(
      'validation_error',
      `subtasks nest at most ${COORDINATION_LIMITS.nestingMax} levels; under ${parentId} this task${height > 1 ? ' and its subtasks' : ''} would reach level ${levels + height}`,
    );
  }
  return ok(parent);
}

async function subtreeHeight(writes: TaskWriteScope, taskId: string): Promise<number> {
  let height = 1;
  for (let level = [taskId]; ; height++) {
    level = (await writes.children(level)).map((child) => child.id);
    if (level.length === 0) return height;
  }
}

/** The blockers, all existing tasks of the user, none of them the task or waiting on it. */
export async function checkBlockers(
  writes: TaskWriteScope,
  userId: string,
  taskId: string,
  ids: readonly string[],
): Promise<Result<TaskLink[]>> {
  if (ids.includes(taskId)) return fail('validation_error', `blocked_by must not name the task itself (${taskId})`);
  const links = await writes.lockLinks(userId, ids);
  const found = new Map(links.filter((link) => link.deletedAt === null).map((link) => [link.id, link]));
  const absent = ids.find((id) => !found.has(id));
  if (absent !== undefined) return missing('blocked_by', absent);
  const cycle = await findCycle(writes, userId, taskId, ids);
  if (cycle) {
    return fail(
      'conflict',
      `blocked_by would make a cycle: ${cycle.map(describe).join(' is blocked by ')}. Remove one of these dependencies first`,
    );
  }
  return ok(ids.map((id) => found.get(id) as TaskLink));
}

/** A path task -> blocker -> ... -> task if the new blockers would close one (breadth first, so the shortest). */
async function findCycle(
  writes: TaskWriteScope,
  userId: string,
  taskId: string,
  blockerIds: readonly string[],
): Promise<TaskLink[] | undefined> {
  const cameFrom = new Map<string, string>(blockerIds.map((id) => [id, taskId]));
  for (let frontier = [...blockerIds]; frontier.length > 0;) {
    const next: string[] = [];
    for (const edge of await writes.blockerEdges(frontier)) {
      if (edge.blockerId === taskId) {
        const path = [taskId];
        for (let at: string | undefined = edge.taskId; at !== undefined && at !== taskId; at = cameFrom.get(at)) {
          path.splice(1, 0, at);
        }
        path.push(taskId);
        const links = new Map((await writes.links(userId, path)).map((link) => [link.id, link]));
        return path.map(
          (id) =>
            links.get(id) ?? { id, title: '?', completed: false, deletedAt: null, projectId: null, parentId: null },
        );
      }
      if (!cameFrom.has(edge.blockerId)) {
        cameFrom.set(edge.blockerId, edge.taskId);
        next.push(edge.blockerId);
      }
    }
    frontier = next;
  }
  return undefined;
}
