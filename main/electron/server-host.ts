import { randomBytes } from 'node:crypto';
import type { StdioCommand } from '../../shared/api';
import type { DesktopSettings } from '../../shared/desktop';
import { writeServerRecord, type WrittenServerRecord } from '../app/server-record';
import { createPauseGate } from '../app/pause-gate';
import { startServer, type RunningServer } from '../app/start-server';
import { resolveAppConfig, type ResourceFolders } from '../config/app-config';
import type { DatabaseLocation } from '../config/database-location';
import type { Environment } from '../config/environment';
import { DEFAULT_HOST } from '../config/network';
import type { Logger } from '../logging/logger';
import { createDesktopAdapter } from './desktop-adapter';
import type { SettingsStore } from './settings-store';

export interface ServerHostOptions {
  store: SettingsStore;
  logger: Logger;
  /** The process environment, read once at start-up; the settings file wins over it where both speak. */
  environment: Environment;
  /** Where a packaged app ships its migrations and UI. */
  resources?: ResourceFolders;
  onSaved: (settings: DesktopSettings) => void;
  /** How this app serves Claude Desktop over stdio on a database (stdio-mode.ts); without it, `taskdesk stdio`. */
  stdioCommand?: (location: DatabaseLocation) => StdioCommand;
  /** The server was stopped to apply new settings: start it again and show it. */
  onRestartNeeded: () => void;
  /**
   * The data directory to note the running server in (server.json, as `serve`
   * writes it), so `taskdesk doctor --data-dir <it>` checks clients against
   * this server's real address; the app's user-data folder, which holds its database.
   */
  recordDir?: string;
}

/** Runs the one server core (the same `startServer` as `taskdesk serve`) inside the desktop app. */
export function createServerHost(options: ServerHostOptions) {
  const { store, logger } = options;
  // Generated per process: only this process's server can repeat it (see verify-server.ts).
  const nonce = randomBytes(32).toString('hex');
  let running: RunningServer | undefined;
  let record: WrittenServerRecord | undefined;
  let startedWith: DesktopSettings | undefined;
  let starting: Promise<RunningServer> | undefined;
  // One gate for every server this host starts: a pause outlasts a restart for new settings.
  const pause = createPauseGate(logger);

  const desktop = createDesktopAdapter({
    store,
    startedWith: () => startedWith,
    onSaved: options.onSaved,
    // Shown again whatever happened: a failed stop must not leave the window on a dead server.
    restart: () =>
      void stop()
        .catch((error: unknown) => logger.error({ err: error }, 'could not stop the server to apply settings'))
        .finally(options.onRestartNeeded),
  });

  async function launch(): Promise<RunningServer> {
    const settings = await store.read();
    const location = store.databaseLocation(settings);
    const config = resolveAppConfig(
      {
        database: location,
        dataDir: options.recordDir,
        host: DEFAULT_HOST,
        port: settings.port,
        allowedHosts: settings.allowed_hosts,
      },
      options.environment,
      options.resources,
    );
    const server = await startServer({
      config,
      stdioCommand: options.stdioCommand?.(location),
      logger,
      instanceNonce: nonce,
      desktop,
      pause,
    });
    startedWith = settings;
    running = server;
    record = noteRunning(server, location);
    return server;
  }

  /** A server that cannot be noted still serves: doctor then looks at the default port, as before. */
  function noteRunning(server: RunningServer, location: DatabaseLocation): WrittenServerRecord | undefined {
    if (!options.recordDir) return undefined;
    try {
      return writeServerRecord(options.recordDir, server.mcpUrl, location);
    } catch (error) {
      logger.warn({ err: error }, 'could not note the running server for taskdesk doctor');
      return undefined;
    }
  }

  /** Drains requests in flight, then closes the database. */
  async function stop(): Promise<void> {
    // A start in progress finishes first, so its server is closed rather than left listening.
    await starting?.catch(() => undefined);
    const stopping = running;
    running = undefined;
    // Unnoted first: from here on, doctor must not send clients to this server.
    record?.remove();
    record = undefined;
    await stopping?.close();
  }

  return {
    nonce,
    current: () => running,
    /** The running server, starting it if none runs; concurrent callers share one start. */
    start: (): Promise<RunningServer> => {
      if (running) return Promise.resolve(running);
      starting ??= launch().finally(() => (starting = undefined));
      return starting;
    },
    stop,
    agentsPaused: pause.paused,
    setAgentsPaused: pause.set,
  };
}

export type ServerHost = ReturnType<typeof createServerHost>;

/** Where the window loads the UI from: the loopback address the server listens on. */
export const originOf = (server: RunningServer) => `http://${DEFAULT_HOST}:${server.port}`;
