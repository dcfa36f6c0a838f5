import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskChange } from '../../../shared/api';

export type RowChange = Pick<TaskChange, 'by' | 'change'>;

export const HIGHLIGHT_MS = 2000;

/** Who last changed each recently changed task; an entry lasts HIGHLIGHT_MS so the row stands out briefly. */
export function useChangedRows() {
  const [changed, setChanged] = useState<ReadonlyMap<string, RowChange>>(new Map());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const markChanged = useCallback((change: TaskChange) => {
    const id = change.task.id;
    setChanged((previous) => new Map(previous).set(id, { by: change.by, change: change.change }));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setChanged((previous) => {
          const next = new Map(previous);
          next.delete(id);
          return next;
        });
      }, HIGHLIGHT_MS),
    );
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return { changed, markChanged };
}
