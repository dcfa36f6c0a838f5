import fs from 'node:fs';
import path from 'node:path';
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

/**
 * Where the command's database is. The data directory is created when the
 * database file lives in it (the default); an explicit path elsewhere must
 * name a folder that exists, and nothing is created for it.
 */
export function resolveDatabase(options: DatabaseOptions): DatabaseLocation {
  const dataDir = resolveDataDir(options.dataDir);
  const location = parseDatabaseLocation(chooseDatabaseSetting(options.db), dataDir);
  if (location.kind === 'sqlite' && path.dirname(location.path) === dataDir) fs.mkdirSync(dataDir, { recursive: true });
  return location;
}
