import { useEffect, useMemo, useRef } from 'react';

// Changes usually come in bursts: the list asks again once they pause, and at least this often while they go on.
const QUIET_MS = 150;
const AT_MOST_MS = 1000;

/**
 * `soon()` runs `resync` once changes pause for QUIET_MS, and no later than
 * AT_MOST_MS after the first call, however many calls come meanwhile.
 */
export function useResync(resync: () => void) {
  const latest = useRef(resync);
  latest.current = resync;
  const timers = useRef<{ quiet?: ReturnType<typeof setTimeout>; deadline?: ReturnType<typeof setTimeout> }>({});
  useEffect(() => {
    const pending = timers.current;
    return () => {
      clearTimeout(pending.quiet);
      clearTimeout(pending.deadline);
    };
  }, []);
  return useMemo(() => {
    const run = () => {
      clearTimeout(timers.current.quiet);
      clearTimeout(timers.current.deadline);
      // The same object is kept (not replaced) so the unmount cleanup, which holds it, clears what is pending then.
      timers.current.quiet = undefined;
      timers.current.deadline = undefined;
      latest.current();
    };
    return {
      soon: () => {
        clearTimeout(timers.current.quiet);
        timers.current.quiet = setTimeout(run, QUIET_MS);
        timers.current.deadline ??= setTimeout(run, AT_MOST_MS);
      },
    };
  }, []);
}
