import type { LiveEventMap, LiveEventName } from '../../shared/api';
import { ApiError, type ApiClient } from './api-client';

/** One live event: checking `name` narrows `data`, so no listener casts. */
export type LiveEvent = { [K in LiveEventName]: { name: K; data: LiveEventMap[K] } }[LiveEventName];

/**
 * The stream's generic callback as one event of the union. TypeScript cannot
 * correlate a generic name with its data, so this is the one place that says so.
 */
const toLiveEvent = <K extends LiveEventName>(name: K, data: LiveEventMap[K]) => ({ name, data }) as LiveEvent;

export interface StreamCallbacks {
  onEvent: (event: LiveEvent) => void;
  onOpen: () => void;
  onDown: () => void;
  /** The server no longer knows this browser's session. */
  onSessionEnded: () => void;
}

/** The window's one event stream, started before anyone listens; events before `attach` reach no one. */
export interface LiveStream {
  /** Open now: the server sends every change from here on, so a list asked for now misses none. */
  readonly isOpen: boolean;
  readonly closed: boolean;
  /** Settles when the stream first opens, is first refused, or is closed. */
  readonly firstAnswer: Promise<void>;
  /**
   * Sends what the stream hears to `callbacks` from now on. Whatever changed
   * since `knownOpen` was read (the stream opened or dropped, the session
   * ended) is told at once.
   */
  attach: (callbacks: StreamCallbacks, knownOpen: boolean) => void;
  /**
   * Stops telling the attached listener, and closes the stream unless it is
   * attached again first (React's strict mode unmounts and remounts a
   * provider at once; the stream outlives that).
   */
  release: () => void;
  close: () => void;
}

// A stream the server refused (503 at the stream cap) is opened again after
// 1 s, then twice as long each time it is refused, up to 30 s.
const REOPEN_FIRST_MS = 1000;
const REOPEN_MAX_MS = 30_000;

/**
 * Keeps one event stream open until `close`. EventSource retries a dropped
 * connection by itself but gives up for good on any non-200 answer; then the
 * session is checked: gone means signed out (a 401 from any call does that
 * too), otherwise the stream is opened again.
 */
export function startLiveStream(api: ApiClient): LiveStream {
  let target: StreamCallbacks | undefined;
  let isOpen = false;
  let sessionEnded = false;
  let closed = false;
  let closeSource: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let settleFirstAnswer: () => void = () => undefined;
  const firstAnswer = new Promise<void>((resolve) => (settleFirstAnswer = resolve));
  let releasing: ReturnType<typeof setTimeout> | undefined;

  const down = () => {
    isOpen = false;
    target?.onDown();
  };

  const reopenLater = async () => {
    const delay = Math.min(REOPEN_FIRST_MS * 2 ** refusals, REOPEN_MAX_MS);
    refusals += 1;
    const ended = await api.session().then(
      () => false,
      (error: unknown) => error instanceof ApiError && error.status === 401,
    );
    if (closed) return;
    if (ended) {
      sessionEnded = true;
      target?.onSessionEnded();
    } else {
      timer = setTimeout(open, delay);
    }
  };

  function open() {
    closeSource = api.live({
      onEvent: (name, data) => target?.onEvent(toLiveEvent(name, data)),
      onOpen: () => {
        refusals = 0;
        isOpen = true;
        settleFirstAnswer();
        target?.onOpen();
      },
      onError: down,
      onClosed: () => {
        down();
        settleFirstAnswer();
        void reopenLater();
      },
    });
  }

  open();
  return {
    get isOpen() {
      return isOpen;
    },
    get closed() {
      return closed;
    },
    firstAnswer,
    attach(callbacks, knownOpen) {
      clearTimeout(releasing);
      target = callbacks;
      if (sessionEnded) callbacks.onSessionEnded();
      else if (isOpen && !knownOpen) callbacks.onOpen();
      else if (!isOpen && knownOpen) callbacks.onDown();
    },
    release() {
      target = undefined;
      releasing = setTimeout(close);
    },
    close,
  };

  function close() {
    closed = true;
    isOpen = false;
    target = undefined;
    clearTimeout(releasing);
    settleFirstAnswer();
    clearTimeout(timer);
    closeSource();
  }
}

/**
 * Resolves once `stream` is open or refused, or after `atMostMs` (a slow
 * proxy must not hold the window back).
 */
export function untilOpen(stream: LiveStream, atMostMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, atMostMs)));
  return Promise.race([stream.firstAnswer, waited]).finally(() => clearTimeout(timer));
}
