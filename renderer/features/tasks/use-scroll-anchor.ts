import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/** Where each row starts, from their heights: rows have known fixed heights, so nothing is measured. */
function startOf(keys: readonly string[], sizeOf: (index: number) => number, key: string): number | undefined {
  let start = 0;
  for (let index = 0; index < keys.length; index++) {
    if (keys[index] === key) return start;
    start += sizeOf(index);
  }
  return undefined;
}

/**
 * Keeps the row at the top of the view where it is when live rows are
 * inserted or removed above it, so what the person is reading does not jump.
 * At the very top nothing is adjusted: a new task arriving there should be seen.
 */
export function useScrollAnchor(
  scrollRef: RefObject<HTMLElement | null>,
  keys: readonly string[],
  sizeOf: (index: number) => number,
) {
  const anchor = useRef<{ key: string; start: number } | undefined>(undefined);

  const remember = useCallback(() => {
    const top = scrollRef.current?.scrollTop ?? 0;
    anchor.current = undefined;
    let start = 0;
    for (let index = 0; index < keys.length; index++) {
      const end = start + sizeOf(index);
      if (end > top) {
        anchor.current = { key: keys[index] ?? '', start };
        return;
      }
      start = end;
    }
  }, [scrollRef, keys, sizeOf]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    if (element && previous && element.scrollTop > 0) {
      const start = startOf(keys, sizeOf, previous.key);
      if (start !== undefined && start !== previous.start) element.scrollTop += start - previous.start;
    }
    remember();
  }, [scrollRef, keys, sizeOf, remember]);

  return remember;
}
