import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { ToolCallTask } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS } from '../../lib/query';
import { useFrameBatch } from '../../lib/use-frame-batch';
import { toToolCallsQuery, type ToolLogFilter } from './filter';
import { createToolLogStore, type ToolLogStore } from './tool-log-store';

/**
 * The live part of the log: each 'tool_call' event from the moment the view
 * opened, and the titles task events bring (so a live call names its task
 * without asking the server).
 */
export function useToolLog(): { store: ToolLogStore; liveTitles: ReadonlyMap<string, ToolCallTask> } {
  const [store] = useState(createToolLogStore);
  const [liveTitles, setLiveTitles] = useState<ReadonlyMap<string, ToolCallTask>>(new Map());
  // A burst brings hundreds of calls a second; the log (and its view, even hidden) takes them once a frame.
  const receive = useFrameBatch((calls: ToolCall[]) => store.receive(...calls));
  const learnTitles = useFrameBatch((tasks: { id: string; title: string; deleted: boolean }[]) =>
    setLiveTitles((previous) => {
      const next = new Map(previous);
      for (const { id, ...task } of tasks) next.set(id, task);
      return next;
    }),
  );
  useLiveEvent((event) => {
    if (event.name === 'tool_call') receive(event.data);
    if (event.name === 'task') {
      const { task } = event.data;
      learnTitles({ id: task.id, title: task.title, deleted: task.deleted_at !== null });
    }
  });
  return { store, liveTitles };
}

export function useToolLogSnapshot(store: ToolLogStore) {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * The log as the server pages it under `filter`, across everything retained:
 * the newest page first, older ones on request. Refetched after every
 * reconnection (missed events are not replayed).
 */
export function useToolCallPages(filter: ToolLogFilter) {
  const api = useApi();
  const pages = useInfiniteQuery({
    queryKey: [...QUERY_KEYS.toolCalls, filter],
    queryFn: ({ pageParam }) => api.toolCalls({ ...toToolCallsQuery(filter), cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const data = pages.data;
  const calls = useMemo(() => data?.pages.flatMap((page) => page.calls) ?? [], [data]);
  const titles = useMemo(
    () => Object.assign({}, ...(data?.pages.map((page) => page.tasks) ?? [])) as Record<string, ToolCallTask>,
    [data],
  );
  const first = data?.pages[0];
  return {
    calls,
    titles,
    clients: first?.clients,
    tools: first?.tools,
    loading: pages.isPending,
    hasMore: pages.hasNextPage,
    loadingMore: pages.isFetchingNextPage,
    loadMore: () => void pages.fetchNextPage(),
    error: pages.error ? errorMessage(pages.error) : undefined,
  };
}
