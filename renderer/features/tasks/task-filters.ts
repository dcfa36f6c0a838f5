import type { Priority, TaskSort, TaskStatusFilter } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { compareBySort } from '../../../shared/task-order';
import type { ListTasks } from '../../../shared/task-schemas';
import { foldForSearch } from '../../../shared/text-rules';

/** What the person chose to see; `query` and `tag` are already debounced. */
export interface TaskFilters {
  status: TaskStatusFilter;
  query: string;
  tag: string;
  priority: Priority | 'any';
  sort: TaskSort;
  /** A project's name, or '' for every task. */
  project: string;
}

export const DEFAULT_FILTERS: TaskFilters = {
  status: 'open',
  query: '',
  tag: '',
  priority: 'any',
  sort: 'created_at',
  project: '',
};

export const PAGE_SIZE = 100;
/** Rows per window the UI fetches by position (the server's most). */
export const WINDOW_SIZE = 100;

/** The filters as the window query: list_tasks' filters, a position and a size, and the tasks folded away. */
export function toWindowQuery(filters: TaskFilters, offset: number, limit: number, collapsed: readonly string[] = []) {
  const { cursor: _cursor, limit: _pageSize, ...rest } = toListQuery(filters);
  return { ...rest, offset, limit, collapsed: collapsed.length > 0 ? collapsed.join(',') : undefined };
}

export function toListQuery(filters: TaskFilters, cursor?: string): Partial<ListTasks> {
  return {
    status: filters.status,
    query: filters.query.trim() || undefined,
    tag: filters.tag.trim() || undefined,
    priority: filters.priority === 'any' ? undefined : filters.priority,
    sort: filters.sort,
    project: filters.project || undefined,
    limit: PAGE_SIZE,
    cursor,
  };
}

/** Whether anything narrows the list beyond "everything"; decides which empty state is true. */
export function narrowsList(filters: TaskFilters): boolean {
  return (
    filters.status !== 'all' ||
    filters.query.trim() !== '' ||
    filters.tag.trim() !== '' ||
    filters.priority !== 'any' ||
    filters.project !== ''
  );
}

/**
 * The server's filter rules, repeated so a live change can be placed without
 * a refetch. Search folds case the way the server's search_text does.
 */
export function matchesFilters(task: Task, filters: TaskFilters): boolean {
  if (task.deleted_at !== null) return false;
  if (filters.status === 'open' && task.completed) return false;
  if (filters.status === 'completed' && !task.completed) return false;
  if (filters.priority !== 'any' && task.priority !== filters.priority) return false;
  if (filters.project !== '' && foldForSearch(task.project ?? '') !== foldForSearch(filters.project)) return false;
  const tag = filters.tag.trim();
  if (tag && !task.tags.includes(foldForSearch(tag))) return false;
  const query = filters.query.trim();
  if (!query) return true;
  const folded = foldForSearch(query);
  return foldForSearch(task.title).includes(folded) || foldForSearch(task.description ?? '').includes(folded);
}

/** The server's order (see compareBySort), for tasks as the API shows them. */
export function compareTasks(sort: TaskSort): (a: Task, b: Task) => number {
  return compareBySort(sort, (task: Task) => ({ createdAt: task.created_at, dueDate: task.due_date, id: task.id }));
}
