import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Task } from '../../../shared/task';

/**
 * Keeps the row at the top of the view where it is when live rows are
 * inserted or removed above it, so what the person is reading does not jump.
 * At the very top nothing is adjusted: a new task arriving there should be seen.
 */
export function useScrollAnchor(scrollRef: RefObject<HTMLElement | null>, tasks: Task[], rowHeight: number) {
  const anchor = useRef<{ id: string; index: number } | undefined>(undefined);

  const remember = useCallback(() => {
    const element = scrollRef.current;
    const index = element ? Math.floor(element.scrollTop / rowHeight) : 0;
    const task = tasks[index];
    anchor.current = task ? { id: task.id, index } : undefined;
  }, [scrollRef, tasks, rowHeight]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    if (element && previous && element.scrollTop > 0) {
      const index = tasks.findIndex((task) => task.id === previous.id);
      if (index !== -1 && index !== previous.index) element.scrollTop += (index - previous.index) * rowHeight;
    }
    remember();
  }, [scrollRef, tasks, rowHeight, remember]);

  return remember;
}
