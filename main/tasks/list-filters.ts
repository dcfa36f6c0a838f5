import type { ListTasks } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskFilters } from '../db/task-repository';

/**
 * What a list query filters on, for list_tasks' keyset pages and the UI's
 * windows alike. `undefined` when the query names a project the user does not
 * have: such a list is empty, answered like any other empty list rather than
 * as an error, so a project's name reveals nothing.
 */
export async function listFilters(
  relations: TaskRelationsRepository,
  userId: string,
  query: ListTasks,
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
  if (query.project === undefined) return filters;
  const project = await relations.projectByKey(userId, foldForSearch(query.project));
  if (!project) return undefined;
  return { ...filters, projectId: project.id };
}
