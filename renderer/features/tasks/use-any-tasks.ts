import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import { QUERY_KEYS } from '../../lib/query';
import { narrowsList, type TaskFilters } from './task-filters';

/**
 * Whether the person has any task at all, whatever the filters: an empty
 * filtered list says "No tasks match", an empty list "No tasks yet". Asked
 * only while the list is empty and narrowed (undefined until known), and
 * again after each deletion seen, which may have taken the last task.
 */
export function useAnyTasks(
  filters: TaskFilters,
  total: number,
  loading: boolean,
  deletions: number,
): boolean | undefined {
  const api = useApi();
  const narrowed = narrowsList(filters);
  const ask = !loading && total === 0 && narrowed;
  const answer = useQuery({
    queryKey: [...QUERY_KEYS.anyTasks, JSON.stringify(filters), deletions],
    queryFn: async () => (await api.listTasks({ status: 'all', limit: 1 })).tasks.length > 0,
    enabled: ask,
    staleTime: 0,
  });
  if (loading) return undefined;
  if (total > 0) return true;
  if (!narrowed) return false;
  return answer.data;
}
