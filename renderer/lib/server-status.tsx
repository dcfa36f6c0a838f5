import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { ServerStatus } from '../../shared/api';
import { useApi } from './api-context';
import { errorMessage } from './error-message';
import { useLiveEvent } from './live-events';
import { QUERY_KEYS } from './query';

interface ServerStatusValue {
  status: ServerStatus | undefined;
  error: string | undefined;
}

// A burst of agent changes asks for one status once it has been quiet this
// long, and at least once per MAX_WAIT_MS while it goes on, so the count
// keeps moving without a request per change.
const QUIET_MS = 250;
const MAX_WAIT_MS = 1000;

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
 * Keeps the window's one status query fresh after task changes settle (the
 * live stream's reconnection refetches it like every query). Rendered once,
 * around the views; an invalidation cancels an answer still on its way, so an
 * older count never replaces a newer one.
 */
export function ServerStatusProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: QUERY_KEYS.status }), [queryClient]);
  const refreshSoon = useTrailingDebounce(refresh);
  useLiveEvent((event) => {
    if (event.name === 'task') refreshSoon();
  });
  return children;
}

/** The server's status, fetched once for the whole window however many parts show it. */
export function useServerStatus(): ServerStatusValue {
  const api = useApi();
  const query = useQuery({ queryKey: QUERY_KEYS.status, queryFn: () => api.status() });
  return { status: query.data, error: query.error ? errorMessage(query.error) : undefined };
}
