import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveEventMap, LiveEventName } from '../../shared/api';
import { ApiError, type ApiClient } from './api-client';
import { QUERY_KEYS } from './query';
import { SESSION_ENDED_REASON, useSessionControl } from './session-context';

/** One live event: checking `name` narrows `data`, so no listener casts. */
export type LiveEvent = { [K in LiveEventName]: { name: K; data: LiveEventMap[K] } }[LiveEventName];

type Listener = (event: LiveEvent) => void;

/**
 * The stream's generic callback as one event of the union. TypeScript cannot
 * correlate a generic name with its data, so this is the one place that says so.
 */
const toLiveEvent = <K extends LiveEventName>(name: K, data: LiveEventMap[K]) => ({ name, data }) as LiveEvent;

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

// A stream the server refused (503 at the stream cap) is opened again after
// 1 s, then twice as long each time it is refused, up to 30 s.
const REOPEN_FIRST_MS = 1000;
const REOPEN_MAX_MS = 30_000;

interface StreamCallbacks {
  onEvent: Listener;
  onOpen: () => void;
  onDown: () => void;
  /** The server no longer knows this browser's session. */
  onSessionEnded: () => void;
}

/**
 * Keeps one event stream open until the returned function is called.
 * EventSource retries a dropped connection by itself but gives up for good on
 * any non-200 answer; then the session is checked: gone means signed out
 * (a 401 from any call does that too), otherwise the stream is opened again.
 */
function keepStreamOpen(api: ApiClient, callbacks: StreamCallbacks): () => void {
  let closeStream: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let stopped = false;

  const reopenLater = async () => {
    const delay = Math.min(REOPEN_FIRST_MS * 2 ** refusals, REOPEN_MAX_MS);
    refusals += 1;
    const ended = await api.session().then(
      () => false,
      (error: unknown) => error instanceof ApiError && error.status === 401,
    );
    if (stopped) return;
    if (ended) callbacks.onSessionEnded();
    else timer = setTimeout(open, delay);
  };

  function open() {
    closeStream = api.live({
      onEvent: (name, data) => callbacks.onEvent(toLiveEvent(name, data)),
      onOpen: () => {
        refusals = 0;
        callbacks.onOpen();
      },
      onError: callbacks.onDown,
      onClosed: () => {
        callbacks.onDown();
        void reopenLater();
      },
    });
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    closeStream();
  };
}

/** One event stream for the whole window, fanned out to the features that listen. */
export function LiveEventsProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [generation, setGeneration] = useState(0);
  const [connected, setConnected] = useState(false);
  const [lost, setLost] = useState(false);
  const [ready, setReady] = useState(false);
  // Set once, by whichever comes first: the stream's first opening or the wait running out.
  const readyOnce = useRef(false);
  const everConnected = useRef(false);
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

  useEffect(
    () =>
      keepStreamOpen(api, {
        onEvent: (event) => {
          for (const listener of listeners.current) listener(event);
        },
        onOpen: () => {
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
        onDown: () => setConnected(false),
        onSessionEnded: () => signedOut(SESSION_ENDED_REASON),
      }),
    [api, signedOut, queryClient],
  );

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
