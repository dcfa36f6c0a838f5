import fs from 'node:fs';
import type { Command } from 'commander';
import { parseDatabaseLocation, type DatabaseLocation } from '../config/database-location';
import { chooseDatabaseSetting, resolveDataDir } from '../config/data-dir';

export interface DatabaseOptions {
  db?: string;
  dataDir?: string;
}

/** The options every command that touches the database accepts. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--db <url-or-path>', 'postgres://... URL, or a SQLite file path (env TASKDESK_DB, DATABASE_URL)')
    .option('--data-dir <path>', 'where TaskDesk keeps its files (env TASKDESK_DATA_DIR)');
}

/** Where the command's database is, with the data directory (home of the default database) created if missing. */
export function resolveDatabase(options: DatabaseOptions): DatabaseLocation {
  const dataDir = resolveDataDir(options.dataDir);
  const location = parseDatabaseLocation(chooseDatabaseSetting(options.db), dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  return location;
}
