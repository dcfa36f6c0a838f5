import type { Command } from 'commander';
import { describeLocation } from '../config/database-location';
import { openDatabase } from '../db/open-database';
import { commandConfig, withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';

export function registerMigrateCommand(program: Command, cli: CliContext): void {
  withDatabaseOptions(program.command('migrate'))
    .description('apply pending migrations to the configured database, then exit')
    .action(async (options: DatabaseOptions) => {
      const { database, resources } = commandConfig(cli, options);
      const handle = await openDatabase(database, cli.logger, resources.migrationsDir);
      await handle.close();
      process.stdout.write(`${database.kind} database at ${describeLocation(database)} is up to date\n`);
    });
}
