import { createServices, type Services } from '../app/create-services';
import type { AppConfig } from '../config/app-config';
import type { DatabaseHandle } from '../db/database';
import { openDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';

/** Opens the configured database for one command, and always closes it again. */
export async function withServices<T>(
  config: AppConfig,
  logger: Logger,
  run: (services: Services, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(config.database, logger, config.resources.migrationsDir);
  const services = createServices(handle, logger, { toolLogRetention: config.logRetention });
  try {
    return await run(services, handle);
  } finally {
    await services.toolLog.close();
    await handle.close();
  }
}
