import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskChange } from '../../../shared/api';

export type RowChange = Pick<TaskChange, 'by' | 'change'>;

export const HIGHLIGHT_MS = 2000;

/**
 * Who last changed each recently changed task; an entry lasts HIGHLIGHT_MS so
 * the row stands out briefly. One timer clears every entry that is due at
 * once: after a burst of 300 changes that is a few renders, not 300.
 */
export function useChangedRows() {
  const [changed, setChanged] = useState<ReadonlyMap<string, RowChange>>(new Map());
  const until = useRef(new Map<string, number>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const sweep = useCallback(() => {
    timer.current = undefined;
    const now = Date.now();
    const due = [...until.current].filter(([, at]) => at <= now).map(([id]) => id);
    for (const id of due) until.current.delete(id);
    if (due.length > 0) {
      setChanged((previous) => {
        const next = new Map(previous);
        for (const id of due) next.delete(id);
        return next;
      });
    }
    const nextDue = Math.min(...until.current.values());
    if (Number.isFinite(nextDue)) timer.current = setTimeout(sweep, Math.max(0, nextDue - now));
  }, []);

  const markChanged = useCallback(
    (change: TaskChange) => {
      const id = change.task.id;
      setChanged((previous) => new Map(previous).set(id, { by: change.by, change: change.change }));
      until.current.set(id, Date.now() + HIGHLIGHT_MS);
      timer.current ??= setTimeout(sweep, HIGHLIGHT_MS);
    },
    [sweep],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  return { changed, markChanged };
}
