import { useCallback, useEffect, useRef } from 'react';

/** Calls `run` before the next frame is painted, or soon when the page is hidden (frames then wait). */
function onNextFrame(run: () => void): () => void {
  if (typeof requestAnimationFrame === 'function' && !document.hidden) {
    const frame = requestAnimationFrame(run);
    return () => cancelAnimationFrame(frame);
  }
  const timer = setTimeout(run, 100);
  return () => clearTimeout(timer);
}

/**
 * Collects items and hands them to `flush` together, at most once a frame.
 * Agents writing in a burst send hundreds of live events a second; applying
 * each as it came re-rendered the list once per event and froze the page.
 * React batches the state updates `flush` makes into one render.
 */
export function useFrameBatch<T>(flush: (items: T[]) => void): (item: T) => void {
  const pending = useRef<T[]>([]);
  const cancel = useRef<(() => void) | undefined>(undefined);
  const latest = useRef(flush);
  latest.current = flush;

  useEffect(() => () => cancel.current?.(), []);

  return useCallback((item: T) => {
    pending.current.push(item);
    cancel.current ??= onNextFrame(() => {
      cancel.current = undefined;
      latest.current(pending.current.splice(0));
    });
  }, []);
}
