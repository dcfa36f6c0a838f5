import type { AppConfig } from '../config/app-config';
import type { DatabaseHandle } from '../db/database';
import { openDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { createServices, type Services } from './create-services';
import { createHealth } from './health';
import { createPauseGate, type PauseGate } from './pause-gate';

export interface AppOptions {
  /** The time tasks are stamped and leases judged by; tests move it instead of waiting. */
  clock?: (() => Date) | undefined;
  leaseSweepMs?: number | undefined;
  /** A pause that outlives this app (the desktop app's, across restarts); a fresh one otherwise. */
  pause?: PauseGate | undefined;
}

export interface App {
  readonly config: AppConfig;
  readonly handle: DatabaseHandle;
  readonly services: Services;
  readonly health: ReturnType<typeof createHealth>;
  readonly pause: PauseGate;
  /** For a long-running process: the WAL checkpoints, change feed, lease sweeper and statistics keeper. */
  startBackgroundWork: () => void;
  /** Everything the app opened, closed in the one order that loses nothing: work, sightings, the call log, the database. */
  close: () => Promise<void>;
}

/**
 * The one app core that `serve`, `stdio`, the one-shot commands and the
 * desktop app all build: the database (migrated before anything uses it), the
 * services over it, its health, and the pause gate. What edge it is served
 * through (HTTP, stdio, a command) is the caller's.
 */
export async function createApp(config: AppConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const handle = await openDatabase(config.database, logger, config.resources.migrationsDir);
  const services = createServices(handle, logger, {
    toolLogRetention: config.logRetention,
    clock: options.clock,
    leaseSweepMs: options.leaseSweepMs,
  });
  let closing: Promise<void> | undefined;
  return {
    config,
    handle,
    services,
    health: createHealth(handle, logger),
    pause: options.pause ?? createPauseGate(logger),
    startBackgroundWork: services.startBackgroundWork,
    close: () =>
      (closing ??= (async () => {
        await services.stopBackgroundWork();
        await services.sightings.flush();
        await services.toolLog.close();
        await handle.close();
      })()),
  };
}

/** Runs `work` with an app for one command, and always closes it again. */
export async function withApp<T>(
  config: AppConfig,
  logger: Logger,
  work: (app: App) => Promise<T>,
  options?: AppOptions,
): Promise<T> {
  const app = await createApp(config, logger, options);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
