import { useCallback, type KeyboardEvent } from 'react';
import type { Task } from '../../../shared/task';
import { isTyping } from '../../lib/shortcuts';
import type { TaskRowActions } from './task-row';

interface ListKeysOptions extends TaskRowActions {
  tasks: readonly Task[];
  focusRow: (id: string) => void;
}

/** The keys listed in the "?" overlay that act on the focused row. */
export const ROW_KEYS = [
  { keys: ['↓', 'j'], does: 'Next task' },
  { keys: ['↑', 'k'], does: 'Previous task' },
  { keys: ['Home', 'End'], does: 'First or last task' },
  { keys: ['Enter', 'e'], does: 'Open the task to edit it' },
  { keys: ['x'], does: 'Complete the task (or reopen it)' },
  { keys: ['Delete'], does: 'Delete the task (Undo follows)' },
] as const;

/**
 * The list's keyboard model. Arrows and j/k move between rows, Enter or e
 * opens the row, x completes it, Delete deletes it (focus moves on to the next
 * row first, so the keys keep working). A control inside a row (its checkbox,
 * after a click) keeps its own Enter and Space.
 */
export function useListKeys({ tasks, focusRow, onComplete, onEdit, onDelete }: ListKeysOptions) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      const slot = (event.target as HTMLElement).closest<HTMLElement>('[data-row-id]');
      const index = tasks.findIndex((task) => task.id === slot?.dataset.rowId);
      const task = tasks[index];
      if (!slot || !task) return;
      const moveTo = (next: number) => {
        const target = tasks[Math.min(Math.max(next, 0), tasks.length - 1)];
        if (target) focusRow(target.id);
      };
      const act: Partial<Record<string, () => void>> = {
        ArrowDown: () => moveTo(index + 1),
        j: () => moveTo(index + 1),
        ArrowUp: () => moveTo(index - 1),
        k: () => moveTo(index - 1),
        Home: () => moveTo(0),
        End: () => moveTo(tasks.length - 1),
        e: () => onEdit(task),
        x: () => onComplete(task, !task.completed),
        Delete: () => {
          moveTo(index + 1 < tasks.length ? index + 1 : index - 1);
          onDelete(task);
        },
      };
      // A Mac keyboard's "delete" key sends Backspace.
      act.Backspace = act.Delete;
      if (event.target === slot) act.Enter = () => onEdit(task);
      const run = act[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    },
    [tasks, focusRow, onComplete, onEdit, onDelete],
  );
}
