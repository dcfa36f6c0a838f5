import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '../../lib/api-context';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS, refetchAfterChange } from '../../lib/query';

// A burst of agent writes refetches the counts once, not once per change.
const RECOUNT_AFTER_MS = 400;

/** The projects with their counts, recounted shortly after any task changes. */
export function useProjects() {
  const api = useApi();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const query = useQuery({ queryKey: QUERY_KEYS.projects, queryFn: () => api.projects() });
  useLiveEvent((event) => {
    if (event.name !== 'task' || timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void refetchAfterChange(queryClient, QUERY_KEYS.projects);
    }, RECOUNT_AFTER_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return query;
}
