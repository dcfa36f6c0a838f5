import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveEventMap } from '../../shared/api';
import type { ApiClient } from '../lib/api-client';

type Listener = <K extends keyof LiveEventMap>(name: K, data: LiveEventMap[K]) => void;

interface LiveEvents {
  /** Calls `listener` for every live event until the returned function is called. */
  subscribe: (listener: Listener) => () => void;
  /** Grows by one on every (re)connection; features refetch when it changes, since missed events are not replayed. */
  generation: number;
  connected: boolean;
}

const LiveEventsContext = createContext<LiveEvents | undefined>(undefined);

/** One event stream for the whole window, fanned out to the features that listen. */
export function LiveEventsProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [generation, setGeneration] = useState(0);
  const [connected, setConnected] = useState(false);

  useEffect(
    () =>
      api.live({
        onEvent: (name, data) => {
          for (const listener of listeners.current) listener(name, data);
        },
        onOpen: () => {
          setConnected(true);
          setGeneration((value) => value + 1);
        },
        onError: () => setConnected(false),
      }),
    [api],
  );

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ subscribe, generation, connected }), [subscribe, generation, connected]);

  return <LiveEventsContext.Provider value={value}>{children}</LiveEventsContext.Provider>;
}

export function useLiveEvents(): LiveEvents {
  const live = useContext(LiveEventsContext);
  if (!live) throw new Error('useLiveEvents must be used inside <LiveEventsProvider>');
  return live;
}

/** Runs `listener` for each live event while the component is mounted; the latest listener is always used. */
export function useLiveEvent(listener: Listener): void {
  const { subscribe } = useLiveEvents();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((name, data) => latest.current(name, data)), [subscribe]);
}
