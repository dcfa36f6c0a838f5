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

export function resolveDatabase(options: DatabaseOptions): { dataDir: string; location: DatabaseLocation } {
  const dataDir = resolveDataDir(options.dataDir);
  return { dataDir, location: parseDatabaseLocation(chooseDatabaseSetting(options.db), dataDir) };
}
