import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { ListLayout } from './list-items';

/** Where the row with `key` starts, from the rows' known fixed heights: nothing is measured. */
function startOf(layout: ListLayout, key: string): number | undefined {
  let start = 0;
  for (let index = 0; index < layout.count; index++) {
    if (layout.keyAt(index) === key) return start;
    start += layout.sizeOf(index);
  }
  return undefined;
}

/**
 * Keeps the row at the top of the view where it is when live rows are
 * inserted or removed above it, so what the person is reading does not jump.
 * At the very top nothing is adjusted: a new task arriving there should be seen.
 *
 * The scroll position is the one the last scroll event saw (the returned
 * handler is the list's onScroll), not read again after each render: reading
 * scrollTop inside a layout effect makes the browser lay out the list there
 * and then, which during an agent's burst was the page's largest single cost.
 */
export function useScrollAnchor(scrollRef: RefObject<HTMLElement | null>, layout: ListLayout) {
  const anchor = useRef<{ key: string; start: number } | undefined>(undefined);
  const scrollTop = useRef(0);

  const rememberAt = useCallback(
    (top: number) => {
      anchor.current = undefined;
      let start = 0;
      for (let index = 0; index < layout.count; index++) {
        const end = start + layout.sizeOf(index);
        const key = layout.keyAt(index);
        if (end > top && key !== undefined) {
          anchor.current = { key, start };
          return;
        }
        start = end;
      }
    },
    [layout],
  );

  const onScroll = useCallback(() => {
    scrollTop.current = scrollRef.current?.scrollTop ?? 0;
    rememberAt(scrollTop.current);
  }, [scrollRef, rememberAt]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    if (element && previous && scrollTop.current > 0) {
      const start = startOf(layout, previous.key);
      if (start !== undefined && start !== previous.start) {
        scrollTop.current += start - previous.start;
        element.scrollTop = scrollTop.current;
      }
    }
    rememberAt(scrollTop.current);
  }, [scrollRef, layout, rememberAt]);

  return onScroll;
}
