import type { Command } from 'commander';
import { describeLocation } from '../config/database-location';
import { openDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { resolveDatabase, withDatabaseOptions, type DatabaseOptions } from './database-options';

export function registerMigrateCommand(program: Command, logger: Logger): void {
  withDatabaseOptions(program.command('migrate'))
    .description('apply pending migrations to the configured database, then exit')
    .action(async (options: DatabaseOptions) => {
      const location = resolveDatabase(options);
      const handle = await openDatabase(location, logger);
      await handle.close();
      process.stdout.write(`${location.kind} database at ${describeLocation(location)} is up to date\n`);
    });
}
