import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ServerStatus } from '../../shared/api';
import { useApi } from './api-context';
import { useLiveEvent, useLiveEvents } from './live-events';

interface ServerStatusValue {
  status: ServerStatus | undefined;
  error: string | undefined;
}

// A burst of agent changes asks for one status once it has been quiet this
// long, and at least once per MAX_WAIT_MS while it goes on, so the count
// keeps moving without a request per change.
const QUIET_MS = 250;
const MAX_WAIT_MS = 1000;

const ServerStatusContext = createContext<ServerStatusValue | undefined>(undefined);

/** Calls `run` QUIET_MS after the last request, or MAX_WAIT_MS after the first unanswered one. */
function useTrailingDebounce(run: () => void): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstAsked = useRef<number | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    const now = Date.now();
    firstAsked.current ??= now;
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => {
        firstAsked.current = undefined;
        run();
      },
      Math.max(0, Math.min(QUIET_MS, firstAsked.current + MAX_WAIT_MS - now)),
    );
  }, [run]);
}

/**
 * The server's status for the whole window, fetched by one provider however
 * many parts show it: on (re)connection, and after task changes settle.
 * Answers can arrive out of order; one older than the last shown is dropped.
 */
export function ServerStatusProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [value, setValue] = useState<ServerStatusValue>({ status: undefined, error: undefined });
  const lastAsked = useRef(0);
  const lastShown = useRef(0);

  const refresh = useCallback(() => {
    const asked = ++lastAsked.current;
    const show = (update: (previous: ServerStatusValue) => ServerStatusValue) => {
      if (asked < lastShown.current) return;
      lastShown.current = asked;
      setValue(update);
    };
    api.status().then(
      (status) => show(() => ({ status, error: undefined })),
      (reason: unknown) =>
        show((previous) => ({ ...previous, error: reason instanceof Error ? reason.message : String(reason) })),
    );
  }, [api]);
  const refreshSoon = useTrailingDebounce(refresh);

  useEffect(refresh, [refresh, generation]);
  useLiveEvent((name) => {
    if (name === 'task') refreshSoon();
  });

  return <ServerStatusContext.Provider value={value}>{children}</ServerStatusContext.Provider>;
}

/** The server's status as the one provider last fetched it. */
export function useServerStatus(): ServerStatusValue {
  const value = useContext(ServerStatusContext);
  if (!value) throw new Error('useServerStatus must be used inside <ServerStatusProvider>');
  return value;
}
