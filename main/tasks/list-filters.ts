import type { ListTasks } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskFilters } from '../db/task-repository';
import type { Actor } from './actor';
import { scopeFilters } from './task-scope';

/**
 * What a list query filters on, for list_tasks' keyset pages and the UI's
 * windows alike. `undefined` when the query names a project the user does not
 * have: such a list is empty, answered like any other empty list rather than
 * as an error, so a project's name reveals nothing. A scoped token's lists
 * hold only its projects' tasks, and a project outside them is one it does not have.
 */
export async function listFilters(
  relations: TaskRelationsRepository,
  userId: string,
  query: ListTasks,
  actor?: Actor | string,
): Promise<TaskFilters | undefined> {
  const filters: TaskFilters = {
    status: query.status ?? 'open',
    query: query.query,
    tag: query.tag,
    priority: query.priority,
    dueBefore: query.due_before,
    dueAfter: query.due_after,
    parentId: query.parent_id,
  };
  if (query.project === undefined) return scopeFilters(actor, filters);
  const project = await relations.projectByKey(userId, foldForSearch(query.project));
  if (!project) return undefined;
  return scopeFilters(actor, { ...filters, projectId: project.id });
}
