import { useEffect, useState, useSyncExternalStore } from 'react';
import { RECENT_TOOL_CALLS_DEFAULT } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useApi } from '../../app/api-context';
import { useLiveEvent, useLiveEvents } from '../../app/live-events';
import { createToolLogStore, type ToolLogStore } from './tool-log-store';

/**
 * Keeps the log: recent entries from the database on opening and after every
 * reconnection (missed events are not replayed), then each live 'tool_call'.
 */
export function useToolLog(): { store: ToolLogStore; loadError: string | undefined } {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [store] = useState(createToolLogStore);
  const [loadError, setLoadError] = useState<string>();

  useLiveEvent((name, data) => {
    // The listener is generic over the event name, so the name check cannot narrow `data` by itself.
    if (name === 'tool_call') store.receive(data as ToolCall);
  });

  useEffect(() => {
    let cancelled = false;
    api.toolCalls(RECENT_TOOL_CALLS_DEFAULT).then(
      ({ calls }) => {
        if (cancelled) return;
        store.load(calls);
        setLoadError(undefined);
      },
      (error: unknown) => !cancelled && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, store, generation]);

  return { store, loadError };
}

export function useToolLogSnapshot(store: ToolLogStore) {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
