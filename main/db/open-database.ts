import { LOCAL_USER_ID } from '../../shared/limits';
import type { DatabaseLocation } from '../config/database-location';
import type { Logger } from '../logging/logger';
import type { DatabaseHandle } from './database';
import { openSqlite } from './sqlite/open-sqlite';
import { createUserRepository } from './user-repository';

/**
 * Opens the configured database and applies every pending migration before
 * returning, so nothing can serve requests against an old schema. A default
 * local user exists afterwards, for single-person installs. `migrationsBase`
 * is where a packaged app ships its migrations (AppConfig's resources).
 */
export async function openDatabase(
  location: DatabaseLocation,
  logger: Logger,
  migrationsBase?: string,
): Promise<DatabaseHandle> {
  // The Postgres driver and its drizzle dialect (about 8 MB resident) load only when used.
  const handle =
    location.kind === 'sqlite'
      ? openSqlite(location.path, migrationsBase)
      : await (await import('./postgres/open-postgres')).openPostgres(location.url, logger, migrationsBase);
  try {
    await createUserRepository(handle).ensure(LOCAL_USER_ID, 'Local user');
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
