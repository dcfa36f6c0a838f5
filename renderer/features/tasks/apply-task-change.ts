import type { Task } from '../../../shared/task';
import { compareTasks, matchesFilters, type TaskFilters } from './task-filters';

/** The loaded part of a list: the tasks shown, and whether more pages follow on the server. */
export interface LoadedTasks {
  tasks: Task[];
  nextCursor: string | null;
}

/**
 * Puts `task` where the server would list it, or takes it out when it no
 * longer matches. A task that sorts after the last loaded row is left for a
 * later page: the keyset cursor will bring it, and showing it now would place
 * it above tasks not loaded yet. An older version than the one shown is
 * ignored, since events and fetches can arrive out of order.
 */
export function applyTaskChange(loaded: LoadedTasks, task: Task, filters: TaskFilters): LoadedTasks {
  const index = loaded.tasks.findIndex((row) => row.id === task.id);
  const current = index === -1 ? undefined : loaded.tasks[index];
  if (current && current.version > task.version) return loaded;
  const rest = index === -1 ? loaded.tasks : loaded.tasks.toSpliced(index, 1);
  if (!matchesFilters(task, filters)) return index === -1 ? loaded : { ...loaded, tasks: rest };
  const compare = compareTasks(filters.sort);
  let position = rest.findIndex((row) => compare(task, row) < 0);
  if (position === -1) {
    if (loaded.nextCursor !== null) return index === -1 ? loaded : { ...loaded, tasks: rest };
    position = rest.length;
  }
  return { ...loaded, tasks: rest.toSpliced(position, 0, task) };
}

/**
 * Whether this change is a shown task being completed out of the view (the
 * Open list): such a row stays a moment, marked completed, so the person sees
 * what happened, before it leaves.
 */
export function completesOutOfView(loaded: LoadedTasks, task: Task, filters: TaskFilters): boolean {
  if (!task.completed || task.deleted_at !== null || matchesFilters(task, filters)) return false;
  const shown = loaded.tasks.find((row) => row.id === task.id);
  return shown !== undefined && !shown.completed && shown.version < task.version;
}

/** Replaces a shown task in place, whatever the filters say. */
export function replaceInPlace(loaded: LoadedTasks, task: Task): LoadedTasks {
  return { ...loaded, tasks: loaded.tasks.map((row) => (row.id === task.id ? task : row)) };
}

/**
 * The highest version seen of each task, removals included. A row that a
 * newer change took out of the list has no version left to compare with, so
 * without this a late HTTP answer for an older version would put it back.
 */
export function createVersionGate() {
  const highest = new Map<string, number>();
  return {
    /** Whether `task` is at least as new as anything seen for its id; if so it becomes the newest seen. */
    admit(task: Task): boolean {
      const seen = highest.get(task.id);
      if (seen !== undefined && seen > task.version) return false;
      highest.set(task.id, task.version);
      return true;
    },
  };
}

/** Appends the next page, skipping tasks already shown (a live change may have placed them). */
export function appendPage(loaded: LoadedTasks, page: LoadedTasks): LoadedTasks {
  const shown = new Set(loaded.tasks.map((task) => task.id));
  return { tasks: [...loaded.tasks, ...page.tasks.filter((task) => !shown.has(task.id))], nextCursor: page.nextCursor };
}
