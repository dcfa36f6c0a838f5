import { useCallback, useEffect, useRef } from 'react';

// Frames stop while a tab is hidden; a timer makes sure the batch is applied anyway.
const BACKSTOP_MS = 100;

/** Calls `run` once: before the next frame is painted, or after BACKSTOP_MS if no frame comes (a hidden tab). */
function onNextFrame(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancel();
    run();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : undefined;
  const timer = setTimeout(once, BACKSTOP_MS);
  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  return cancel;
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
