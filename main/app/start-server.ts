import http from 'node:http';
import { isIP } from 'node:net';
import type { DatabaseLocation } from '../config/database-location';
import type { DatabaseKind } from '../db/database';
import { openDatabase } from '../db/open-database';
import { createRequestHandler } from '../http/request-handler';
import type { Logger } from '../logging/logger';
import { createMcpHttpEndpoint } from '../mcp/http-endpoint';
import { createMetrics } from '../metrics/metrics';
import { createUiEdge } from './ui-edge';
import { createServices, type Services } from './create-services';
import { createHealth } from './health';
import { listen, stopListening } from './listen';
import { recordToolCall } from './record-tool-call';
import { VERSION } from './version';

export const DEFAULT_PORT = 7410;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions {
  location: DatabaseLocation;
  logger: Logger;
  host?: string;
  port?: number;
  allowedHosts?: string[];
  toolLogRetention?: number | undefined;
}

export interface RunningServer {
  port: number;
  mcpUrl: string;
  /** Signs one browser in, once (the code is in the fragment); print it only to the person. */
  uiUrl: string;
  /** Another one-time sign-in link, for a further browser. */
  createLoginUrl: () => string;
  database: DatabaseKind;
  services: Services;
  close: () => Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** How the listening address is written in a URL people and agents can use. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The one server core: `taskdesk serve` and the desktop app both start it.
 * Migrations are applied before it listens, so nothing is served from an old schema.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger, host = DEFAULT_HOST, port = DEFAULT_PORT } = options;
  if (!LOOPBACK_HOSTS.has(host)) {
    logger.warn({ host }, 'listening beyond loopback: anyone who can reach this address can try tokens against it');
  }
  const handle = await openDatabase(options.location, logger);
  const services = createServices(handle, logger, { toolLogRetention: options.toolLogRetention });
  services.startBackgroundWork();
  const metrics = createMetrics();
  const health = createHealth(handle, logger);

  const startedAt = Date.now();
  let boundPort = port;
  let base = '';
  const uiEdge = createUiEdge({
    services,
    live: services.live,
    location: options.location,
    health,
    port: () => boundPort,
    mcpUrl: () => `${base}/mcp`,
    startedAt,
  });

  const mcp = await createMcpHttpEndpoint({
    deps: { tasks: services.tasks, health: health.report },
    version: VERSION,
    logger,
    onToolCall: recordToolCall(services.toolLog, metrics),
  });

  const extraHosts = [...(options.allowedHosts ?? []), ...(LOOPBACK_HOSTS.has(host) ? [] : [urlHost(host)])].map(
    (name) => name.toLowerCase(),
  );
  const server = http.createServer(
    createRequestHandler({
      mcp,
      tokens: services.tokens,
      metrics,
      databaseReachable: health.databaseReachable,
      hostPolicy: { extraHosts, port: () => boundPort },
      api: uiEdge.api,
      ui: uiEdge.ui,
      logger,
    }),
  );
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  try {
    boundPort = await listen(server, port, host, (error) => logger.error({ err: error }, 'HTTP server error'));
  } catch (error) {
    await services.toolLog.close();
    await handle.close();
    throw error;
  }
  base = `http://${urlHost(host)}:${boundPort}`;
  logger.info({ url: `${base}/mcp`, database: handle.kind, location: handle.location }, 'TaskDesk is serving');

  return {
    port: boundPort,
    mcpUrl: `${base}/mcp`,
    uiUrl: uiEdge.loginUrl(base),
    createLoginUrl: () => uiEdge.loginUrl(base),
    database: handle.kind,
    services,
    close: async () => {
      uiEdge.closeStreams();
      await stopListening(server);
      await mcp.close();
      await services.toolLog.close();
      await handle.close();
    },
  };
}
