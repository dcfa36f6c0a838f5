import type { TaskPlacement, TaskWindow } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import type { LoadedTasks } from './apply-task-change';
import { matchesFilters, type TaskFilters } from './task-filters';

/** Where the rows of a nested list sit; a row missing here is a top-level row with no subtasks shown. */
export type Placements = ReadonlyMap<string, TaskPlacement>;

export const depthOf = (placements: Placements, id: string | undefined) =>
  id === undefined ? 0 : (placements.get(id)?.depth ?? 0);

const isFlat = (placement: TaskPlacement | undefined) =>
  placement === undefined || (placement.depth === 0 && placement.children === 0 && placement.path === null);

/** Records where an answer's rows sit; true when anything changed. */
export function recordPlacements(placements: Map<string, TaskPlacement>, answer: TaskWindow): boolean {
  let changed = false;
  answer.tasks.forEach((task, index) => {
    const placement = answer.tree[index];
    const known = placements.get(task.id);
    if (isFlat(placement)) {
      changed = placements.delete(task.id) || changed;
    } else if (placement && JSON.stringify(known) !== JSON.stringify(placement)) {
      placements.set(task.id, placement);
      changed = true;
    }
  });
  return changed;
}

/**
 * Whether a change may move rows in a way the loaded rows cannot tell: in a
 * nested list a task's place depends on its parent's, and a subtask's
 * parent gains or loses a row of progress. Such changes are shown in place
 * and the rows in view are asked for again.
 */
export const movesTree = (task: Task, nested: boolean, placements: Placements) =>
  nested || task.parent_id !== null || placements.has(task.id);

/** A change shown where the row is (or taken out when it no longer matches); its new place comes from the server. */
export function applyInPlace(loaded: LoadedTasks, task: Task, filters: TaskFilters): LoadedTasks {
  const index = loaded.rows.findIndex((row) => row?.id === task.id);
  const current = index === -1 ? undefined : loaded.rows[index];
  if (!current || current.version > task.version) return loaded;
  return { rows: matchesFilters(task, filters) ? loaded.rows.with(index, task) : loaded.rows.toSpliced(index, 1) };
}

/** The end (exclusive) of the subtree under the row at `index`, or undefined when part of it is not loaded. */
function subtreeEnd(rows: readonly (Task | undefined)[], index: number, placements: Placements): number | undefined {
  const depth = depthOf(placements, rows[index]?.id);
  let end = index + 1;
  for (; end < rows.length; end++) {
    const row = rows[end];
    if (row === undefined) return undefined;
    if (depthOf(placements, row.id) <= depth) break;
  }
  return end;
}

/** The ids of the loaded rows under `id` (its subtasks, theirs, ...). */
export function subtreeIds(rows: readonly (Task | undefined)[], id: string, placements: Placements): string[] {
  const index = rows.findIndex((row) => row?.id === id);
  const depth = depthOf(placements, id);
  const ids: string[] = [];
  for (let at = index + 1; index !== -1 && at < rows.length; at++) {
    const row = rows[at];
    if (row === undefined) continue;
    if (depthOf(placements, row.id) <= depth) break;
    ids.push(row.id);
  }
  return ids;
}

/**
 * The rows as they will be once `id` is folded or unfolded, as far as the
 * loaded rows tell: a fold takes its loaded subtree out at once; an unfold
 * makes room for its direct subtasks, which the server's answer fills.
 */
export function foldRows(loaded: LoadedTasks, id: string, fold: boolean, placements: Placements): LoadedTasks {
  const index = loaded.rows.findIndex((row) => row?.id === id);
  if (index === -1) return loaded;
  if (!fold) {
    const room = placements.get(id)?.children ?? 0;
    return { rows: loaded.rows.toSpliced(index + 1, 0, ...Array.from({ length: room }, () => undefined)) };
  }
  const end = subtreeEnd(loaded.rows, index, placements);
  return end === undefined ? loaded : { rows: loaded.rows.toSpliced(index + 1, end - index - 1) };
}
