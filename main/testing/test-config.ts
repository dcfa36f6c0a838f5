import { withApp, type App } from '../app/create-app';
import { resolveAppConfig, type AppConfig, type ConfigFlags } from '../config/app-config';
import type { DatabaseLocation } from '../config/database-location';
import { readEnvironment } from '../config/environment';
import { createLogger } from '../logging/logger';

/**
 * A configuration for a server under test: what `flags` say over an empty
 * environment, so nothing the machine running the tests has set (TASKDESK_DB,
 * TASKDESK_PORT, ...) changes what the tests see.
 */
export const testConfig = (flags: ConfigFlags): AppConfig => resolveAppConfig(flags, readEnvironment({}));

/** Reads what a test's processes left in `location` through the same app core they ran, then closes it. */
export const withTestApp = <T>(location: DatabaseLocation, work: (app: App) => Promise<T>): Promise<T> =>
  withApp(testConfig({ database: location }), createLogger('silent'), work);
