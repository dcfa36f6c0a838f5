import pg from 'pg';
import type { Logger } from '../../logging/logger';

const CONNECT_TIMEOUT_MS = 5000;
const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;

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
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  function retryLater(error: unknown): void {
    if (closed || retryTimer) return;
    logger.warn({ err: error, retryMs }, 'lost the Postgres connection that hears of changes; reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: 'taskdesk-listen',
    });
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

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retryTimer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
