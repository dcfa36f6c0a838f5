import type { Command } from 'commander';
import { ensureDataDir, resolveAppConfig, type AppConfig, type ConfigFlags } from '../config/app-config';
import type { Environment } from '../config/environment';
import type { Logger } from '../logging/logger';

/** What every command is given: the process's logger and its environment, read once at start-up. */
export interface CliContext {
  readonly logger: Logger;
  readonly environment: Environment;
}

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

/** The configuration a command runs with, its data directory made when the database file lives there. */
export function commandConfig(cli: CliContext, flags: ConfigFlags): AppConfig {
  const config = resolveAppConfig(flags, cli.environment);
  ensureDataDir(config);
  return config;
}
