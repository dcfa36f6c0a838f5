import http from 'node:http';
import type { AppConfig } from '../config/app-config';
import { isLoopbackAddress, urlHost } from '../config/network';
import type { DatabaseKind } from '../db/database';
import { openDatabase } from '../db/open-database';
import { createRequestHandler } from '../http/request-handler';
import type { Logger } from '../logging/logger';
import { createMcpHttpEndpoint } from '../mcp/http-endpoint';
import { createMetrics } from '../metrics/metrics';
import type { DesktopAdapter } from '../http/api/desktop-routes';

export type { DesktopAdapter };
export { INSTANCE_HEADER } from '../http/request-handler';
import type { StdioCommand } from '../../shared/api';
import { createUiEdge, stdioCommandFor } from './ui-edge';
import { clientEnvironment } from '../connect/client-environment';
import type { ClientEnvironment } from '../connect/client-targets';
import { createServices, type Services } from './create-services';
import { createHealth } from './health';
import { listen, stopListening } from './listen';
import { recordToolCall } from './record-tool-call';
import { VERSION } from './version';

export const KEEP_ALIVE_TIMEOUT_MS = 120_000;

export interface ServerOptions {
  config: AppConfig;
  logger: Logger;
  /** Sent back in /healthz's x-taskdesk-instance header, so the desktop app can tell its own server from a squatter. */
  instanceNonce?: string | undefined;
  /** How clients that start only local processes run these tools here; `taskdesk stdio` unless said otherwise. */
  stdioCommand?: StdioCommand | undefined;
  /** Only the desktop app: where its settings live (adds /api/desktop/*, and lets the UI write client configurations). */
  desktop?: DesktopAdapter | undefined;
  /** Where this computer's clients keep their configuration (tests give a home of their own). */
  clientEnvironment?: ClientEnvironment | undefined;
  /** The time tasks are stamped and leases judged by; tests move it instead of waiting. */
  clock?: (() => Date) | undefined;
  leaseSweepMs?: number | undefined;
}

export interface RunningServer {
  port: number;
  mcpUrl: string;
  /** Signs one browser in, once (the code is in the fragment); print it only to the person. */
  uiUrl: string;
  /** Another one-time sign-in link, for a further browser. */
  createLoginUrl: () => string;
  /** A session cookie for a window this process opens itself, so no code ever travels in a URL. */
  createSession: () => { name: string; value: string };
  /** While paused, every tool call but health_check is refused with a message saying so. */
  setAgentsPaused: (paused: boolean) => void;
  agentsPaused: () => boolean;
  database: DatabaseKind;
  services: Services;
  close: () => Promise<void>;
}

const AGENTS_PAUSED =
  'TaskDesk is paused by its user: tool calls are refused until they choose "Resume agents" in the TaskDesk menu. Nothing was changed; try again later.';

/**
 * The one server core: `taskdesk serve` and the desktop app both start it.
 * Migrations are applied before it listens, so nothing is served from an old schema.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger, config } = options;
  const { host, port } = config;
  if (!isLoopbackAddress(host)) {
    logger.warn({ host }, 'listening beyond loopback: anyone who can reach this address can try tokens against it');
  }
  const handle = await openDatabase(config.database, logger, config.resources.migrationsDir);
  const services = createServices(handle, logger, {
    toolLogRetention: config.logRetention,
    clock: options.clock,
    leaseSweepMs: options.leaseSweepMs,
  });
  const metrics = createMetrics();
  const health = createHealth(handle, logger);

  /** Start-up steps after the database is open: if one fails, what was opened is closed again. */
  async function closeOnFailure<T>(step: Promise<T>): Promise<T> {
    try {
      return await step;
    } catch (error) {
      await services.toolLog.close();
      await handle.close();
      throw error;
    }
  }

  const startedAt = Date.now();
  let boundPort = port;
  let base = '';
  const uiEdge = createUiEdge({
    services,
    live: services.live,
    location: config.database,
    health,
    port: () => boundPort,
    mcpUrl: () => `${base}/mcp`,
    startedAt,
    desktop: options.desktop,
    stdio: options.stdioCommand ?? stdioCommandFor(config.database),
    clientEnvironment: options.clientEnvironment ?? clientEnvironment(config.clientFolders),
    rendererDir: config.resources.rendererDir,
    handle,
    logger,
  });
  metrics.observeEventStreams(uiEdge.streams);
  let paused = false;

  const mcp = await closeOnFailure(
    createMcpHttpEndpoint({
      deps: { tasks: services.tasks, health: health.report },
      version: VERSION,
      logger,
      onToolCall: recordToolCall(services.toolLog, metrics),
      refusal: (tool) => (paused && tool !== 'health_check' ? AGENTS_PAUSED : undefined),
    }),
  );

  const extraHosts = [...config.allowedHosts, ...(isLoopbackAddress(host) ? [] : [urlHost(host)])].map((name) =>
    name.toLowerCase(),
  );
  const server = http.createServer(
    createRequestHandler({
      mcp,
      tokens: services.tokens,
      tokenSeen: (tokenId) => services.sightings.seen(tokenId),
      metrics,
      databaseReachable: health.databaseReachable,
      storageProblem: health.storageProblem,
      hostPolicy: { extraHosts, port: () => boundPort },
      instanceNonce: options.instanceNonce,
      api: uiEdge.api,
      ui: uiEdge.ui,
      logger,
    }),
  );
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // A client may reuse an idle connection at the very moment the server
  // closes it, and then reads ECONNRESET. Node's 5 s default is at or below
  // many clients' idle pools (httpx 5 s, aiohttp 15 s, Go 90 s; undici
  // follows the Keep-Alive hint), so idle sockets stay open past them all; on
  // loopback an idle socket costs next to nothing. A client that keeps idle
  // sockets without any limit (urllib3) can still meet the race. Since Node 18
  // headersTimeout runs per request, so it need not exceed this.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  boundPort = await closeOnFailure(
    listen(server, port, host, (error) => logger.error({ err: error }, 'HTTP server error')),
  );
  // Only now: a server that never listened must leave no timers behind.
  services.startBackgroundWork();
  base = `http://${urlHost(host)}:${boundPort}`;
  logger.info({ url: `${base}/mcp`, database: handle.kind, location: handle.location }, 'TaskDesk is serving');

  return {
    port: boundPort,
    mcpUrl: `${base}/mcp`,
    uiUrl: uiEdge.loginUrl(base),
    createLoginUrl: () => uiEdge.loginUrl(base),
    createSession: uiEdge.createSession,
    setAgentsPaused: (value) => {
      paused = value;
      logger.info({ paused }, paused ? 'agents paused: tool calls are refused' : 'agents resumed');
    },
    agentsPaused: () => paused,
    database: handle.kind,
    services,
    close: async () => {
      uiEdge.closeStreams();
      await stopListening(server);
      await uiEdge.flushSessions();
      await mcp.close();
      await services.stopBackgroundWork();
      await services.sightings.flush();
      await services.toolLog.close();
      await handle.close();
    },
  };
}
