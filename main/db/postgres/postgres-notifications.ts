import net from 'node:net';
import pg from 'pg';
import type { Logger } from '../../logging/logger';

const CONNECT_TIMEOUT_MS = 5000;
const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;
/**
 * An idle LISTEN connection sends nothing, so a peer that vanished (a
 * half-open socket after a network cut) would go unnoticed for the OS default
 * of about two hours, and every NOTIFY with it; probes after 10 s idle notice
 * it within a minute or so and the connection is opened again.
 */
const KEEP_ALIVE_DELAY_MS = 10_000;

export interface NotificationHandlers {
  onNotification: (payload: string) => void;
  /** After every (re)connection: anything sent while no connection listened was lost, so read what was missed. */
  onListening: () => void;
}

/**
 * One dedicated connection that LISTENs on `channel` (a pooled connection
 * cannot: the pool would hand it to queries and close it when idle). When the
 * connection drops (server restart, pg_terminate_backend, a network blip) it
 * is opened again, retrying with a growing pause, until `close`.
 */
export function listenForNotifications(url: string, channel: string, handlers: NotificationHandlers, logger: Logger) {
  let client: pg.Client | undefined;
  /** The connection being opened: `close` destroys its socket and awaits the attempt, so no socket outlives it. */
  let pending: { socket: net.Socket; done: Promise<void> } | undefined;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  function retryLater(error: unknown): void {
    if (closed || retryTimer) return;
    logger.warn({ err: error, retryMs }, 'lost the Postgres connection that hears of changes; reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      start();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  }

  function start(): void {
    if (closed) return;
    // Our own socket: pg's end() does not abort a handshake in progress, which would then wait out the connect timeout.
    const socket = new net.Socket();
    const next = new pg.Client({
      stream: () => socket,
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
      application_name: 'taskdesk-listen',
    });
    const attempt = { socket, done: connect(next) };
    pending = attempt;
    void attempt.done.finally(() => {
      if (pending === attempt) pending = undefined;
    });
  }

  async function connect(next: pg.Client): Promise<void> {
    // Unhandled, an 'error' on an idle client would crash the process.
    next.on('error', (error) => retryLater(error));
    next.on('end', () => {
      if (client === next) retryLater(new Error('connection ended'));
    });
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotification(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      retryLater(error);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = FIRST_RETRY_MS;
    handlers.onListening();
  }

  start();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      const connecting = pending;
      connecting?.socket.destroy();
      await Promise.all([last?.end().catch(() => undefined), connecting?.done]);
    },
  };
}
