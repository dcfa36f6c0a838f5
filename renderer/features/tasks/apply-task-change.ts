import type { Task } from '../../../shared/task';
import { compareTasks, matchesFilters, type TaskFilters } from './task-filters';

/**
 * The list as far as it is known: one slot per position of the filtered list
 * on the server (`rows.length` is its total), holding the task there, or
 * undefined where that window has not been fetched yet.
 */
export interface LoadedTasks {
  rows: readonly (Task | undefined)[];
}

/** What placing a change did: the list after it, and whether the place was certain. */
export interface Placed {
  loaded: LoadedTasks;
  /**
   * False when the loaded rows cannot say where the task belongs, or whether
   * it was in the list at all (its neighbours are not loaded): the list
   * should ask the server again for what is on screen.
   */
  certain: boolean;
}

/** How a task came to change, when known: an added or restored task cannot have been in the list before. */
export type ChangeKind = 'new' | 'other';

const hasHoles = (rows: readonly (Task | undefined)[]) => rows.includes(undefined);

/**
 * Where `task` goes among `rows` (which no longer hold it): the position
 * between its loaded neighbours, or undefined when a not-yet-loaded stretch
 * lies between them, so its place is unknown.
 */
function placeAmong(rows: readonly (Task | undefined)[], task: Task, filters: TaskFilters): number | undefined {
  const compare = compareTasks(filters.sort);
  let previousLoaded = -1;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (row === undefined) continue;
    if (compare(task, row) < 0) return previousLoaded === index - 1 ? index : undefined;
    previousLoaded = index;
  }
  return previousLoaded === rows.length - 1 ? rows.length : undefined;
}

/**
 * Puts `task` where the server would list it, or takes it out when it no
 * longer matches, as far as the loaded rows tell. An older version than the
 * one shown is ignored, since events and fetches can arrive out of order.
 */
export function applyTaskChange(
  loaded: LoadedTasks,
  task: Task,
  filters: TaskFilters,
  kind: ChangeKind = 'other',
): Placed {
  const { rows } = loaded;
  const index = rows.findIndex((row) => row?.id === task.id);
  const current = index === -1 ? undefined : rows[index];
  if (current && current.version > task.version) return { loaded, certain: true };
  const rest = index === -1 ? rows : rows.toSpliced(index, 1);
  if (!matchesFilters(task, filters)) {
    if (index !== -1) return { loaded: { rows: rest }, certain: true };
    // Not loaded: it may have been in a stretch not fetched yet, and the total is then one less.
    return { loaded, certain: kind === 'new' || !hasHoles(rows) };
  }
  const position = placeAmong(rest, task, filters);
  if (position === undefined) {
    // Shown as it now is where it was, until the server says where it went.
    return { loaded: index === -1 ? loaded : { rows: rows.with(index, task) }, certain: false };
  }
  // Newest-first order never moves a task: between adjacent loaded neighbours and not there, it is new to the list.
  const isNew = index === -1 && (kind === 'new' || filters.sort === 'created_at' || !hasHoles(rows));
  if (index === -1 && !isNew) return { loaded, certain: false };
  return { loaded: { rows: rest.toSpliced(position, 0, task) }, certain: true };
}

/**
 * Whether this change is a shown task being completed out of the view (the
 * Open list): such a row stays a moment, marked completed, so the person sees
 * what happened, before it leaves.
 */
export function completesOutOfView(loaded: LoadedTasks, task: Task, filters: TaskFilters): boolean {
  if (!task.completed || task.deleted_at !== null || matchesFilters(task, filters)) return false;
  const shown = loaded.rows.find((row) => row?.id === task.id);
  return shown !== undefined && !shown.completed && shown.version < task.version;
}

/** Replaces a shown task in place, whatever the filters say. */
export function replaceInPlace(loaded: LoadedTasks, task: Task): LoadedTasks {
  const index = loaded.rows.findIndex((row) => row?.id === task.id);
  return index === -1 ? loaded : { rows: loaded.rows.with(index, task) };
}

/**
 * The newest version seen of each task, removals included. A row that a
 * newer change took out of the list has no version left to compare with, so
 * without this a late HTTP answer for an older version would put it back.
 */
export function createVersionGate() {
  const newest = new Map<string, Task>();
  return {
    /** Whether `task` is at least as new as anything seen for its id; if so it becomes the newest seen. */
    admit(task: Task): boolean {
      const seen = newest.get(task.id);
      if (seen !== undefined && seen.version > task.version) return false;
      newest.set(task.id, task);
      return true;
    },
    /** The newest version seen of a task, if any. */
    newest: (id: string): Task | undefined => newest.get(id),
  };
}

export type VersionGate = ReturnType<typeof createVersionGate>;

/**
 * Places a window the server answered at its position, over whatever was
 * there. A row older than a version already seen is replaced by that
 * version, or, if that version no longer belongs here, the answer is not
 * trusted (false) and the window is asked for again.
 */
export function placeWindow(
  loaded: LoadedTasks,
  offset: number,
  tasks: readonly Task[],
  total: number,
  gate: VersionGate,
  filters: TaskFilters,
): LoadedTasks | undefined {
  const placed: Task[] = [];
  for (const task of tasks) {
    const newest = gate.newest(task.id);
    if (!newest || newest.version <= task.version) {
      gate.admit(task);
      placed.push(task);
    } else if (matchesFilters(newest, filters) && compareTasks(filters.sort)(newest, task) === 0) {
      placed.push(newest);
    } else {
      return undefined;
    }
  }
  const rows =
    loaded.rows.length === total ? [...loaded.rows] : Array.from({ length: total }, (_, index) => loaded.rows[index]);
  // The same task elsewhere (placed there live, or by an older answer) would show twice.
  const ids = new Set(placed.map((task) => task.id));
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (row && ids.has(row.id) && (index < offset || index >= offset + placed.length)) rows[index] = undefined;
  }
  rows.splice(offset, placed.length, ...placed);
  return { rows: rows.slice(0, total) };
}
