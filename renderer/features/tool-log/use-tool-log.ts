import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { RECENT_TOOL_CALLS_DEFAULT } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS } from '../../lib/query';
import { useFrameBatch } from '../../lib/use-frame-batch';
import { createToolLogStore, type ToolLogStore } from './tool-log-store';

/**
 * Keeps the log: recent entries from the database on opening and after every
 * reconnection (missed events are not replayed), then each live 'tool_call'.
 */
export function useToolLog(): { store: ToolLogStore; loadError: string | undefined } {
  const api = useApi();
  const [store] = useState(createToolLogStore);
  const recent = useQuery({
    queryKey: QUERY_KEYS.toolCalls,
    queryFn: async () => (await api.toolCalls(RECENT_TOOL_CALLS_DEFAULT)).calls,
  });

  // A burst brings hundreds of calls a second; the log (and its view, even hidden) takes them once a frame.
  const receive = useFrameBatch((calls: ToolCall[]) => store.receive(...calls));
  useLiveEvent((event) => {
    if (event.name === 'tool_call') receive(event.data);
  });
  // Each answer (on opening, after each reconnection) merges in; the store counts every call once.
  useEffect(() => {
    if (recent.data) store.load(recent.data);
  }, [store, recent.data]);

  return { store, loadError: recent.error ? errorMessage(recent.error) : undefined };
}

export function useToolLogSnapshot(store: ToolLogStore) {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
