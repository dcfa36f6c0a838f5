import type { Priority } from '../../shared/limits';
import { foldForSearch } from '../../shared/text-rules';
import type { NewTaskRow } from './schema/row-types';
import type { TaskState } from './task-query-shapes';

// Title and description are searched as one text, joined by a character no one types.
const SEARCH_JOIN = '\u001f';

/** A new task's row: its state plus the columns derived from it. */
export function toRow(state: TaskState, idempotencyKey: string | null): NewTaskRow {
  return { ...state, searchText: searchTextOf(state), readyOrder: readyOrderOf(state), idempotencyKey };
}

const PRIORITY_RANK: Record<Priority, string> = { high: '0', medium: '1', low: '2', none: '3' };

/** The ready queue's sort key: priority (highest first), due date (undated last), creation time. */
export function readyOrderOf(state: Pick<TaskState, 'priority' | 'dueDate' | 'createdAt'>): string {
  return `${PRIORITY_RANK[state.priority]}|${state.dueDate ?? '9999-12-31'}|${state.createdAt}`;
}

export function searchTextOf(state: Pick<TaskState, 'title' | 'description'>): string {
  return foldForSearch(state.description ? `${state.title}${SEARCH_JOIN}${state.description}` : state.title);
}

/** A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally. */
export function likeContains(text: string): string {
  return `%${foldForSearch(text).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
