import { useCallback, type KeyboardEvent } from 'react';
import type { Task } from '../../../shared/task';
import { isTyping } from '../../lib/shortcuts';
import type { TaskRowActions } from './task-row';
import { depthOf, type Placements } from './tree-rows';

interface ListKeysOptions extends TaskRowActions {
  /** Every position of the list; undefined where the row is still loading. */
  rows: readonly (Task | undefined)[];
  /** Focuses a row by its key: a task's id, or a loading row's slot key. */
  focusRow: (key: string) => void;
  tree: { placements: Placements; folded: ReadonlySet<string>; onToggle: (task: Task, expand: boolean) => void };
}

/** The keys listed in the "?" overlay that act on the focused row. */
export const ROW_KEYS = [
  { keys: ['↓', 'j'], does: 'Next task' },
  { keys: ['↑', 'k'], does: 'Previous task' },
  { keys: ['Home', 'End'], does: 'First or last task' },
  { keys: ['→'], does: 'Show the subtasks (or go to the first one)' },
  { keys: ['←'], does: 'Hide the subtasks (or go to the parent task)' },
  { keys: ['Enter', 'e'], does: 'Open the task to edit it' },
  { keys: ['x'], does: 'Complete the task (or reopen it)' },
  { keys: ['Delete'], does: 'Delete the task (Undo follows)' },
] as const;

/**
 * The list's keyboard model. Arrows and j/k move between rows, Enter or e
 * opens the row, x completes it, Delete deletes it (focus moves on to the next
 * row first, so the keys keep working). Right and Left unfold and fold a
 * task's subtasks, as in a tree: Right on an unfolded task goes to its first
 * subtask, Left on a subtask to its parent. A control inside a row (its
 * checkbox, after a click) keeps its own Enter and Space.
 */
export function useListKeys({ rows, focusRow, tree, onComplete, onEdit, onDelete }: ListKeysOptions) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      const slot = (event.target as HTMLElement).closest<HTMLElement>('[data-row-id]');
      const index = Number(slot?.dataset.position ?? -1);
      if (!slot || index < 0 || index >= rows.length) return;
      // A row still loading can be moved past; it cannot be acted on until it shows its task.
      const moveTo = (next: number) => {
        const position = Math.min(Math.max(next, 0), rows.length - 1);
        focusRow(rows[position]?.id ?? `slot:${position}`);
      };
      const task = rows[index];
      const onTask = (run: (task: Task) => void) => () => {
        if (task) run(task);
      };
      const act: Partial<Record<string, () => void>> = {
        ArrowDown: () => moveTo(index + 1),
        j: () => moveTo(index + 1),
        ArrowUp: () => moveTo(index - 1),
        k: () => moveTo(index - 1),
        Home: () => moveTo(0),
        End: () => moveTo(rows.length - 1),
        ArrowRight: onTask((shown) => {
          if (!tree.placements.get(shown.id)?.children) return;
          if (tree.folded.has(shown.id)) tree.onToggle(shown, true);
          else moveTo(index + 1);
        }),
        ArrowLeft: onTask((shown) => {
          if (tree.placements.get(shown.id)?.children && !tree.folded.has(shown.id)) tree.onToggle(shown, false);
          else moveTo(parentIndex(rows, index, tree.placements));
        }),
        e: onTask(onEdit),
        x: onTask((shown) => onComplete(shown, !shown.completed)),
        Delete: onTask((shown) => {
          moveTo(index + 1 < rows.length ? index + 1 : index - 1);
          onDelete(shown);
        }),
      };
      // A Mac keyboard's "delete" key sends Backspace.
      act.Backspace = act.Delete;
      if (event.target === slot) act.Enter = onTask(onEdit);
      const run = act[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    },
    [rows, focusRow, tree, onComplete, onEdit, onDelete],
  );
}

/** The row a subtask sits under (the nearest shallower row above it), or the row itself at the top level. */
function parentIndex(rows: readonly (Task | undefined)[], index: number, placements: Placements): number {
  const depth = depthOf(placements, rows[index]?.id);
  for (let at = index - 1; depth > 0 && at >= 0; at--) {
    if (depthOf(placements, rows[at]?.id) < depth) return at;
  }
  return index;
}
