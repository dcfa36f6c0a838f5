import { createServices, type Services } from '../app/create-services';
import type { DatabaseHandle } from '../db/database';
import { openDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { resolveDatabase, type DatabaseOptions } from './database-options';

/** Opens the configured database for one command, and always closes it again. */
export async function withServices<T>(
  options: DatabaseOptions,
  logger: Logger,
  run: (services: Services, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const location = resolveDatabase(options);
  const handle = await openDatabase(location, logger);
  const services = createServices(handle, logger);
  try {
    return await run(services, handle);
  } finally {
    await services.toolLog.close();
    await handle.close();
  }
}
