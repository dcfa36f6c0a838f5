import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { StdioCommand } from '../../shared/api';
import { clientEnvironment } from '../connect/client-environment';
import type { ClientEnvironment } from '../connect/client-targets';
import { isLoopbackAddress, urlHost } from '../config/network';
import type { DesktopAdapter } from '../http/api/desktop-routes';
import { createRequestHandler } from '../http/request-handler';
import type { Logger } from '../logging/logger';
import { createMcpSeam } from '../mcp/mcp-seam';
import { createMetrics } from '../metrics/metrics';
import type { App } from './create-app';
import { recordToolCall } from './record-tool-call';
import { createUiEdge, stdioCommandFor } from './ui-edge';
import { VERSION } from './version';

// How long shutdown waits for handlers whose connections were already cut.
const DRAIN_MS = 5000;

export interface WebEdgeOptions {
  /** Sent back in /healthz's x-taskdesk-instance header, so the desktop app can tell its own server from a squatter. */
  instanceNonce?: string | undefined;
  /** How clients that start only local processes run these tools here; `taskdesk stdio` unless said otherwise. */
  stdioCommand?: StdioCommand | undefined;
  /** Only the desktop app: where its settings live (adds /api/desktop/*, and lets the UI write client configurations). */
  desktop?: DesktopAdapter | undefined;
  /** Where this computer's clients keep their configuration (tests give a home of their own). */
  clientEnvironment?: ClientEnvironment | undefined;
}

/** Where the server is reached, known once it listens. */
export interface ServedAddress {
  port: () => number;
  mcpUrl: () => string;
}

/**
 * Everything a browser or an agent reaches over HTTP, over one app: the MCP
 * endpoint, the UI's API, sign-in, the event stream and the static files,
 * behind the one request handler that checks host, origin and credentials.
 */
export async function createWebEdge(app: App, logger: Logger, address: ServedAddress, options: WebEdgeOptions = {}) {
  const { config, services, health } = app;
  const metrics = createMetrics();
  const uiEdge = createUiEdge({
    services,
    live: services.live,
    location: config.database,
    health,
    port: address.port,
    mcpUrl: address.mcpUrl,
    startedAt: Date.now(),
    desktop: options.desktop,
    stdio: options.stdioCommand ?? stdioCommandFor(config.database),
    clientEnvironment: options.clientEnvironment ?? clientEnvironment(config.clientFolders),
    rendererDir: config.resources.rendererDir,
    handle: app.handle,
    logger,
  });
  metrics.observeEventStreams(uiEdge.streams);
  const mcp = await createMcpSeam({
    deps: { tasks: services.tasks, health: health.report },
    version: VERSION,
    logger,
    onToolCall: recordToolCall(services.toolLog, metrics),
    refusal: app.pause.refusal,
  });
  // A server listening beyond loopback is also reached by the name it listens on.
  const extraHosts = [...config.allowedHosts, ...(isLoopbackAddress(config.host) ? [] : [urlHost(config.host)])].map(
    (name) => name.toLowerCase(),
  );
  const handle = createRequestHandler({
    mcp,
    tokens: services.tokens,
    tokenSeen: (tokenId) => services.sightings.seen(tokenId),
    metrics,
    databaseReachable: health.databaseReachable,
    storageProblem: health.storageProblem,
    hostPolicy: { extraHosts, port: address.port },
    instanceNonce: options.instanceNonce,
    api: uiEdge.api,
    ui: uiEdge.ui,
    logger,
  });
  // Requests whose handlers still run: a connection cut at shutdown does not stop its handler, which may yet log a call.
  const inFlight = new Set<Promise<void>>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const handling = handle(req, res);
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  };
  return {
    handler,
    loginUrl: uiEdge.loginUrl,
    createSession: uiEdge.createSession,
    /** Before the listener stops: open event streams would otherwise hold it open. */
    closeStreams: uiEdge.closeStreams,
    /** After the listener stops: handlers still running (at most DRAIN_MS), sign-ins still being written, the MCP server. */
    close: async () => {
      await Promise.race([Promise.allSettled(inFlight), delay(DRAIN_MS, undefined, { ref: false })]);
      await uiEdge.flushSessions();
      await mcp.close();
    },
  };
}
