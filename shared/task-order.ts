import type { TaskSort } from './limits';

/** What a list's order reads of a task, whatever its shape (a row's camelCase keys, the API's snake_case task). */
export interface OrderKeys {
  createdAt: string;
  dueDate: string | null;
  id: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of list_tasks' keyset pages, the UI's windows and its live
 * inserts: created_at newest first, or due date soonest first with undated
 * tasks last; ties broken by id as the keyset cursor does.
 */
export function compareBySort<T>(sort: TaskSort, keysOf: (item: T) => OrderKeys): (a: T, b: T) => number {
  if (sort === 'created_at') {
    return (first, second) => {
      const a = keysOf(first);
      const b = keysOf(second);
      return byText(b.createdAt, a.createdAt) || byText(b.id, a.id);
    };
  }
  return (first, second) => {
    const a = keysOf(first);
    const b = keysOf(second);
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return byText(a.dueDate, b.dueDate);
    }
    return byText(a.id, b.id);
  };
}
