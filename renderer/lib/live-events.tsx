import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from './api-client';
import { startLiveStream, type LiveEvent, type LiveStream } from './live-stream';
import { QUERY_KEYS } from './query';
import { SESSION_ENDED_REASON, useSessionControl } from './session-context';

export type { LiveEvent } from './live-stream';

type Listener = (event: LiveEvent) => void;

interface LiveEvents {
  /** Calls `listener` for every live event until the returned function is called. */
  subscribe: (listener: Listener) => () => void;
  /**
   * Grows by one on every reconnection (and on a first connection that came
   * after `ready`), when every cached query is refetched too, since missed
   * events are not replayed.
   */
  generation: number;
  /**
   * Lists may load: the stream is open, so no change can fall between an
   * answer and the events after it; or it has not opened within a moment, and
   * lists load anyway and load again once it does.
   */
  ready: boolean;
  connected: boolean;
  /** The stream was open once and has dropped for longer than a blink: the server is not answering. */
  lost: boolean;
}

// A stream that comes back within this long (a proxy hiccup, a tab waking) is not worth a banner.
const LOST_AFTER_MS = 1500;
// Lists wait this long at most for the stream to open before their first load.
const READY_WITHOUT_STREAM_MS = 1000;

const LiveEventsContext = createContext<LiveEvents | undefined>(undefined);

interface LiveEventsProviderProps {
  api: ApiClient;
  /** A stream main.tsx opened before the first render; listened to while it lasts, and closed with this provider. */
  started?: LiveStream;
  children: ReactNode;
}

/**
 * One event stream for the whole window, fanned out to the features that
 * listen. A stream already open when this mounts lets lists load in their
 * first effects, without waiting for another render.
 */
export function LiveEventsProvider({ api, started, children }: LiveEventsProviderProps) {
  const listeners = useRef(new Set<Listener>());
  // The stream this window listens to: the one it was given, or one of its own once that is gone.
  const stream = useRef(started && !started.closed ? started : undefined);
  // As it was at mount, so later changes of the stream reach the state only through its callbacks.
  const [openAtMount] = useState(() => stream.current?.isOpen ?? false);
  const [generation, setGeneration] = useState(0);
  const [connected, setConnected] = useState(openAtMount);
  const [lost, setLost] = useState(false);
  const [ready, setReady] = useState(openAtMount);
  // Set once, by whichever comes first: the stream's first opening or the wait running out.
  const readyOnce = useRef(openAtMount);
  const everConnected = useRef(openAtMount);
  const { signedOut } = useSessionControl();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (connected || !everConnected.current) {
      setLost(false);
      return;
    }
    const timer = setTimeout(() => setLost(true), LOST_AFTER_MS);
    return () => clearTimeout(timer);
  }, [connected]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (readyOnce.current) return;
      readyOnce.current = true;
      setReady(true);
    }, READY_WITHOUT_STREAM_MS);
    return () => clearTimeout(timer);
  }, []);

  // What the state last heard of the stream, so a stream attached later tells only what changed since.
  const believedOpen = useRef(openAtMount);

  useEffect(() => {
    const current = stream.current && !stream.current.closed ? stream.current : startLiveStream(api);
    stream.current = current;
    current.attach(
      {
        onEvent: (event) => {
          for (const listener of listeners.current) listener(event);
        },
        onOpen: () => {
          believedOpen.current = true;
          everConnected.current = true;
          setConnected(true);
          if (!readyOnce.current) {
            // The first opening, before any list loaded: they load now, once, and need no second round.
            readyOnce.current = true;
            setReady(true);
          } else {
            setGeneration((value) => value + 1);
          }
          void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== QUERY_KEYS.session[0] });
        },
        onDown: () => {
          believedOpen.current = false;
          setConnected(false);
        },
        onSessionEnded: () => signedOut(SESSION_ENDED_REASON),
      },
      believedOpen.current,
    );
    // Released, not closed: a remount at once (React's strict mode) attaches again to the same stream.
    return () => current.release();
  }, [api, signedOut, queryClient]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(
    () => ({ subscribe, generation, ready, connected, lost }),
    [subscribe, generation, ready, connected, lost],
  );

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
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
