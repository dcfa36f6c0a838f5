import { LOGIN_FRAGMENT_KEY, type ConnectionDetails, type ServerStatus, type StdioCommand } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import { describeLocation, type DatabaseLocation } from '../config/database-location';
import { createApiHandler } from '../http/api/api-router';
import type { DesktopAdapter } from '../http/api/desktop-routes';
import { sessionCookieName } from '../http/ui/session-cookie';
import { createEventStreams } from '../http/api/event-stream';
import { createStaticFiles, rendererDir } from '../http/ui/static-files';
import { createUiSessions } from '../http/ui/ui-sessions';
import type { DatabaseHandle } from '../db/database';
import { createUiSessionRepository } from '../db/ui-session-repository';
import type { Logger } from '../logging/logger';
import type { LiveEvents } from '../live/live-events';
import type { Services } from './create-services';
import { VERSION } from './version';
import { besideModule } from '../module-path';
import { createClientConnections } from '../connect/client-connections';
import { createClientSetup } from '../connect/client-setup';
import type { ClientEnvironment } from '../connect/client-targets';

// bin/taskdesk.js sits two folders above both this file and the CLI bundle.
const BIN = besideModule('../../bin/taskdesk.js', import.meta.url);

/** How Claude Desktop, which starts only local processes, runs these same tools against this database. */
export function stdioCommandFor(location: DatabaseLocation): StdioCommand {
  return location.kind === 'sqlite'
    ? { command: process.execPath, args: [BIN, 'stdio', '--db', location.path] }
    : { command: process.execPath, args: [BIN, 'stdio'], env: { TASKDESK_DB: location.url } };
}

export interface UiEdgeOptions {
  services: Services;
  live: LiveEvents;
  location: DatabaseLocation;
  health: { databaseReachable: () => Promise<boolean> };
  port: () => number;
  mcpUrl: () => string;
  startedAt: number;
  desktop?: DesktopAdapter | undefined;
  stdio: StdioCommand;
  /** Where sessions are kept. */
  handle: DatabaseHandle;
  logger: Logger;
  /** Where this computer's clients keep their configuration; this process's own home unless a test says otherwise. */
  clientEnvironment: ClientEnvironment;
  /** Where a packaged app ships the built UI; otherwise it is found beside the code. */
  rendererDir?: string | undefined;
}

/** The UI's side of the server: sign-in, the JSON API, the event stream and the static files. */
export function createUiEdge(options: UiEdgeOptions) {
  const { services, live, port } = options;
  const streams = createEventStreams(live);
  const sessions = createUiSessions({
    userId: LOCAL_USER_ID,
    store: createUiSessionRepository(options.handle),
    logger: options.logger,
    onEnd: (key) => streams.closeSession(key),
  });
  const { stdio } = options;

  const status = async (userId: string): Promise<ServerStatus> => ({
    version: VERSION,
    mcp_url: options.mcpUrl(),
    database: {
      kind: options.location.kind,
      location: describeLocation(options.location),
      reachable: await options.health.databaseReachable(),
    },
    task_count: await services.tasks.countLive(userId),
    uptime_seconds: Math.round((Date.now() - options.startedAt) / 1000),
  });
  const connection = (): ConnectionDetails => ({ mcp_url: options.mcpUrl(), stdio });

  return {
    api: createApiHandler({
      ...services,
      live,
      streams,
      sessions,
      status,
      connection,
      port,
      desktop: options.desktop,
      clientSetup: () =>
        createClientSetup(
          createClientConnections({
            env: options.clientEnvironment,
            tokens: services.tokens,
            mcpUrl: options.mcpUrl(),
            stdio,
            location: options.location,
          }),
          { port: port(), location: options.location },
        ),
    }),
    ui: createStaticFiles(() => rendererDir(options.rendererDir)),
    /** A link that signs one browser in, once; the code rides in the fragment, which servers never see. */
    loginUrl: (base: string) => `${base}/#${LOGIN_FRAGMENT_KEY}=${sessions.createLoginCode()}`,
    /** The cookie that signs in a window this process opens itself (the desktop app), with no code in any URL. */
    createSession: () => ({ name: sessionCookieName(port()), value: sessions.open() }),
    closeStreams: () => streams.closeAll(),
    /** Waits for sign-ins still being written. */
    flushSessions: () => sessions.flush(),
    streams,
  };
}
