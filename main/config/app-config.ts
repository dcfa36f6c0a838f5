import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import { DEFAULT_RETENTION } from '../tool-log/tool-call-log';
import { parseDatabaseLocation, type DatabaseLocation } from './database-location';
import type { Environment, LogLevel } from './environment';
import { DEFAULT_HOST, DEFAULT_PORT } from './network';

/**
 * Folders a packaged desktop app ships beside its code; left out, the ones
 * beside the sources or the CLI bundle are used.
 */
export interface ResourceFolders {
  readonly migrationsDir?: string | undefined;
  readonly rendererDir?: string | undefined;
}

/** Everything a TaskDesk process is configured with: flags over environment over defaults, decided once. */
export interface AppConfig {
  readonly database: DatabaseLocation;
  /** Where TaskDesk keeps its files: the default database and the running server's record. */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Host names beyond loopback that requests may be addressed to. */
  readonly allowedHosts: readonly string[];
  /** Tool calls kept in the log per user. */
  readonly logRetention: number;
  readonly logLevel: LogLevel;
  readonly resources: ResourceFolders;
  readonly clientFolders: Environment['clientFolders'];
}

/** What flags (or the desktop app's settings) can say; each wins over its environment variable. */
export interface ConfigFlags {
  db?: string | undefined;
  /** A database already chosen and checked (the desktop app's settings); wins over `db`. */
  database?: DatabaseLocation | undefined;
  dataDir?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  allowedHosts?: readonly string[] | undefined;
  logRetention?: number | undefined;
}

/**
 * The platform's usual per-user data folder unless told otherwise
 * (~/.local/share/taskdesk on Linux, ~/Library/Application Support/taskdesk
 * on macOS, %LOCALAPPDATA%\taskdesk\Data on Windows).
 */
function dataDirOf(chosen: string | undefined): string {
  return chosen ? path.resolve(chosen) : envPaths('taskdesk', { suffix: '' }).data;
}

export function resolveAppConfig(
  flags: ConfigFlags,
  environment: Environment,
  resources: ResourceFolders = {},
): AppConfig {
  const dataDir = dataDirOf(flags.dataDir?.trim() || environment.dataDir);
  return Object.freeze({
    database: Object.freeze(flags.database ?? parseDatabaseLocation(flags.db?.trim() || environment.database, dataDir)),
    dataDir,
    host: flags.host ?? DEFAULT_HOST,
    port: flags.port ?? environment.port ?? DEFAULT_PORT,
    allowedHosts: Object.freeze([...(flags.allowedHosts ?? [])]),
    logRetention: flags.logRetention ?? environment.logRetention ?? DEFAULT_RETENTION,
    logLevel: environment.logLevel,
    resources: Object.freeze({ ...resources }),
    clientFolders: environment.clientFolders,
  });
}

/**
 * Creates the data directory when the database file lives in it (the
 * default); an explicit path elsewhere must name a folder that exists, and
 * nothing is created for it.
 */
export function ensureDataDir(config: AppConfig): void {
  const { database, dataDir } = config;
  if (database.kind === 'sqlite' && path.dirname(database.path) === dataDir) fs.mkdirSync(dataDir, { recursive: true });
}
