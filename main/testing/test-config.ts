import { resolveAppConfig, type AppConfig, type ConfigFlags } from '../config/app-config';
import { readEnvironment } from '../config/environment';

/**
 * A configuration for a server under test: what `flags` say over an empty
 * environment, so nothing the machine running the tests has set (TASKDESK_DB,
 * TASKDESK_PORT, ...) changes what the tests see.
 */
export const testConfig = (flags: ConfigFlags): AppConfig => resolveAppConfig(flags, readEnvironment({}));
