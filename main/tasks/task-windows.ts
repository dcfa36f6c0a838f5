import { taskWindowQuery, type TaskPlacement, type TaskWindow } from '../../shared/api';
import type { TaskSort } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/result';
import { listTasksInput } from '../../shared/task-schemas';
import { validate } from '../../shared/validate';
import { createTaskRelationsRepository } from '../db/task-relations-repository';
import type { ListedTask, TaskFilters, TaskRepository } from '../db/task-repository';
import { listFilters } from './list-filters';
import { treeOrder } from './task-tree';
import { toTasks } from './task-view';

const FLAT: TaskPlacement = { depth: 0, children: 0, path: null };

// Nesting is at most 5 levels; the bound keeps a damaged chain from looping.
const MAX_ANCESTORS = 5;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface WindowAsked {
  userId: string;
  filters: TaskFilters;
  sort: TaskSort;
  offset: number;
  limit: number;
  collapsed: ReadonlySet<string>;
}

/**
 * The UI's list by position: a window of a filtered list and the list's
 * total, so a scrollbar can be true before the rows are loaded. The filters
 * are list_tasks' own, validated by the same schema; agents keep keyset
 * paging, which stays stable while tasks are added. A list holding subtasks
 * is in tree order (see treeOrder), ordered in memory from the matching
 * tasks' keys; a flat list is read straight from the index.
 */
export function createTaskWindows(tasks: TaskRepository, clock: () => Date = () => new Date()) {
  const relations = createTaskRelationsRepository(tasks.handle);

  async function flatWindow({ userId, filters, sort, offset, limit }: WindowAsked): Promise<TaskWindow> {
    const total = await tasks.countMatching(userId, filters);
    const rows = offset >= total ? [] : await tasks.listAt(userId, filters, sort, offset, limit);
    const shown = await toTasks(relations, userId, rows, clock().toISOString());
    return { tasks: shown, offset, total, tree: rows.map(() => FLAT), nested: false };
  }

  async function nestedWindow({ userId, filters, sort, offset, limit, collapsed }: WindowAsked): Promise<TaskWindow> {
    const order = treeOrder(await tasks.treeKeys(userId, filters), sort, collapsed);
    const slice = order.slice(offset, offset + limit);
    const byId = new Map(
      (
        await tasks.listByIds(
          userId,
          slice.map((row) => row.id),
        )
      ).map((row) => [row.id, row]),
    );
    // A task deleted between the two reads drops out; the client's next change event corrects the total.
    const placed = slice.flatMap((row) => {
      const task = byId.get(row.id);
      return task ? [{ row, task }] : [];
    });
    const paths = await ancestorTitles(
      tasks,
      userId,
      placed.filter(({ row }) => row.orphan).map(({ task }) => task),
    );
    return {
      tasks: await toTasks(
        relations,
        userId,
        placed.map(({ task }) => task),
        clock().toISOString(),
      ),
      offset,
      total: order.length,
      tree: placed.map(({ row }) => ({ depth: row.depth, children: row.children, path: paths.get(row.id) ?? null })),
      nested: true,
    };
  }

  return async (userId: string, input: unknown): Promise<Result<TaskWindow>> => {
    const { offset, limit, collapsed, ...rest } = isRecord(input) ? input : {};
    const window = validate(taskWindowQuery, { offset, limit, collapsed });
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
    if (!filters) return ok({ tasks: [], offset: window.value.offset, total: 0, tree: [], nested: false });
    const asked: WindowAsked = {
      userId,
      filters,
      sort: query.sort ?? 'created_at',
      offset: window.value.offset,
      limit: window.value.limit,
      collapsed: new Set(window.value.collapsed?.split(',')),
    };
    // A list without subtasks keeps the index-only path: tree order would read every matching task's keys.
    const nested = await tasks.hasMatchingSubtask(userId, filters);
    return ok(nested ? await nestedWindow(asked) : await flatWindow(asked));
  };
}

/** The titles of each subtask's ancestors, outermost first, read one level at a time for the whole window. */
async function ancestorTitles(tasks: TaskRepository, userId: string, subtasks: readonly ListedTask[]) {
  const paths = new Map<string, string[]>();
  let reaching = new Map(subtasks.flatMap((row) => (row.parentId ? [[row.id, row.parentId] as const] : [])));
  for (let level = 0; level < MAX_ANCESTORS && reaching.size > 0; level++) {
    const parents = await tasks.parentsOf(userId, [...new Set(reaching.values())]);
    const byId = new Map(parents.map((row) => [row.id, row]));
    const next = new Map<string, string>();
    for (const [id, parentId] of reaching) {
      const parent = byId.get(parentId);
      if (!parent) continue;
      paths.set(id, [parent.title, ...(paths.get(id) ?? [])]);
      if (parent.parentId) next.set(id, parent.parentId);
    }
    reaching = next;
  }
  return paths;
}

export type TaskWindows = ReturnType<typeof createTaskWindows>;
