import { useCallback, useState } from 'react';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { plainFailure } from '../../lib/error-message';

/** The last change the person can take back from the toast. */
export interface Undoable {
  kind: 'deleted' | 'completed';
  task: Task;
}

/**
 * What the person does to a task from the list. Each answer is placed in the
 * list at once through `applyChange`, which ignores anything older than the
 * newest version seen of that task: the live event for the same change,
 * being the same version, changes nothing, and an answer arriving after a
 * newer event (another client deleted or moved the task) cannot bring back
 * the old row.
 */
export function useTaskActions(applyChange: (task: Task) => void) {
  const api = useApi();
  const [error, setError] = useState<string>();
  const [undoable, setUndoable] = useState<Undoable>();

  const run = useCallback(
    async (action: () => Promise<Task>): Promise<Task | undefined> => {
      try {
        const task = await action();
        applyChange(task);
        setError(undefined);
        return task;
      } catch (failure) {
        setError(plainFailure(failure));
        return undefined;
      }
    },
    [applyChange],
  );

  // Completing is offered an undo like deleting: in the Open view the row leaves soon after.
  const complete = useCallback(
    (task: Task, completed: boolean) => {
      void run(() => api.completeTask(task.id, completed)).then((done) => {
        if (!done) return;
        if (completed) setUndoable({ kind: 'completed', task: done });
        // Reopened by hand: its completion has nothing left to undo.
        else
          setUndoable((current) =>
            current?.kind === 'completed' && current.task.id === done.id ? undefined : current,
          );
      });
    },
    [api, run],
  );
  const remove = useCallback(
    (task: Task) => {
      void run(() => api.deleteTask(task.id)).then(
        (deleted) => deleted && setUndoable({ kind: 'deleted', task: deleted }),
      );
    },
    [api, run],
  );
  const restore = useCallback((task: Task) => run(() => api.restoreTask(task.id)), [api, run]);
  const undo = useCallback(() => {
    if (!undoable) return;
    setUndoable(undefined);
    const { task } = undoable;
    void (undoable.kind === 'deleted' ? restore(task) : run(() => api.completeTask(task.id, false)));
  }, [undoable, restore, run, api]);
  const dismissUndo = useCallback(() => setUndoable(undefined), []);
  const clearError = useCallback(() => setError(undefined), []);

  return { error, clearError, complete, remove, restore, undoable, undo, dismissUndo };
}
