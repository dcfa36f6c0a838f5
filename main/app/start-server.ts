import http from 'node:http';
import type { AppConfig } from '../config/app-config';
import { isLoopbackAddress, urlHost } from '../config/network';
import type { DatabaseKind } from '../db/database';
import type { DesktopAdapter } from '../http/api/desktop-routes';
import type { Logger } from '../logging/logger';
import { createApp, type AppOptions } from './create-app';
import type { Services } from './create-services';
import { listen, stopListening } from './listen';
import { createWebEdge, type WebEdgeOptions } from './web-edge';

export type { DesktopAdapter };
export { INSTANCE_HEADER } from '../http/request-handler';

export const KEEP_ALIVE_TIMEOUT_MS = 120_000;

export interface ServerOptions extends AppOptions, WebEdgeOptions {
  config: AppConfig;
  logger: Logger;
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

/**
 * Serves one app (create-app.ts) over HTTP: `taskdesk serve` and the desktop
 * app both start it. It listens, reports where, and stops in order.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger, config } = options;
  const { host } = config;
  if (!isLoopbackAddress(host)) {
    logger.warn({ host }, 'listening beyond loopback: anyone who can reach this address can try tokens against it');
  }
  const app = await createApp(config, logger, options);
  let boundPort = config.port;
  let base = '';
  let web: Awaited<ReturnType<typeof createWebEdge>> | undefined;
  try {
    web = await createWebEdge(app, logger, { port: () => boundPort, mcpUrl: () => `${base}/mcp` }, options);
    const server = http.createServer(web.handler);
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
    boundPort = await listen(server, config.port, host, (error) => logger.error({ err: error }, 'HTTP server error'));
    base = `http://${urlHost(host)}:${boundPort}`;
    // Only now: a server that never listened must leave no timers behind.
    app.startBackgroundWork();
    logger.info(
      { url: `${base}/mcp`, database: app.handle.kind, location: app.handle.location },
      'TaskDesk is serving',
    );
    const served = web;
    return {
      port: boundPort,
      mcpUrl: `${base}/mcp`,
      uiUrl: served.loginUrl(base),
      createLoginUrl: () => served.loginUrl(base),
      createSession: served.createSession,
      setAgentsPaused: app.pause.set,
      agentsPaused: app.pause.paused,
      database: app.handle.kind,
      services: app.services,
      close: async () => {
        served.closeStreams();
        await stopListening(server);
        await served.close();
        await app.close();
      },
    };
  } catch (error) {
    await web?.close();
    await app.close();
    throw error;
  }
}
