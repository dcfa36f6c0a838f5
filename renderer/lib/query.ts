import { QueryClient } from '@tanstack/react-query';

/**
 * One cache per window. Live events and the refetch after every reconnection
 * keep it current, so nothing is refetched on focus or on a timer, and a
 * failure is shown (with a way to try again) rather than retried unseen.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/** Query keys, in one place so a live event updates exactly what a view reads. */
export const QUERY_KEYS = {
  session: ['session'],
  status: ['status'],
  tokens: ['tokens'],
  clients: ['clients'],
  deletedTasks: ['tasks', 'deleted'],
  anyTasks: ['tasks', 'any'],
  toolCalls: ['tool-calls'],
  desktopSettings: ['desktop-settings'],
  taskTags: ['tasks', 'tags'],
  projects: ['projects'],
} as const;

/**
 * Reads a query again, starting after the change that asked for it. A plain
 * refetch joins a first load already in flight, which may have read the
 * database before the change committed and would then show it never.
 */
export async function refetchAfterChange(queryClient: QueryClient, queryKey: readonly unknown[]): Promise<void> {
  await queryClient.cancelQueries({ queryKey, exact: true });
  await queryClient.refetchQueries({ queryKey, exact: true, type: 'active' });
}
