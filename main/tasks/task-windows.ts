import { taskWindowQuery, type TaskWindow } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import { listTasksInput } from '../../shared/task-schemas';
import { validate } from '../../shared/validate';
import { createTaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskRepository } from '../db/task-repository';
import { listFilters } from './list-filters';
import { toTasks } from './task-view';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The UI's list by position: a window of a filtered list and the list's
 * total, so a scrollbar can be true before the rows are loaded. The filters
 * are list_tasks' own, validated by the same schema; agents keep keyset
 * paging, which stays stable while tasks are added.
 */
export function createTaskWindows(tasks: TaskRepository, clock: () => Date = () => new Date()) {
  const relations = createTaskRelationsRepository(tasks.handle);
  return async (userId: string, input: unknown): Promise<Result<TaskWindow>> => {
    const { offset, limit, ...rest } = isRecord(input) ? input : {};
    const window = validate(taskWindowQuery, { offset, limit });
    if (!window.ok) return window;
    const parsed = validate(listTasksInput, rest);
    if (!parsed.ok) return parsed;
    const query = parsed.value;
    if (query.cursor !== undefined) {
      return fail('validation_error', 'cursor pages list_tasks; a window is asked for by offset and limit');
    }
    if (query.ready !== undefined || query.claimed_by !== undefined) {
      return fail('validation_error', 'ready and claimed_by lists are paged by cursor (list_tasks), not by window');
    }
    const filters = await listFilters(relations, userId, query);
    if (!filters) return ok({ tasks: [], offset: window.value.offset, total: 0 });
    const total = await tasks.countMatching(userId, filters);
    const rows =
      window.value.offset >= total
        ? []
        : await tasks.listAt(userId, filters, query.sort ?? 'created_at', window.value.offset, window.value.limit);
    return ok({
      tasks: await toTasks(relations, userId, rows, clock().toISOString()),
      offset: window.value.offset,
      total,
    });
  };
}

export type TaskWindows = ReturnType<typeof createTaskWindows>;
