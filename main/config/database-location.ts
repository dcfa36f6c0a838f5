import path from 'node:path';
import { UserFacingError } from '../errors';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export class ConfigError extends UserFacingError {
  override readonly name = 'ConfigError';
}

export const DEFAULT_SQLITE_FILE = 'taskdesk.db';

/**
 * Reads what `--db` (or TASKDESK_DB / DATABASE_URL) says. A postgres:// or
 * postgresql:// URL means Postgres; anything else is a SQLite file path,
 * optionally written `sqlite:PATH`. Nothing means `taskdesk.db` in the data
 * directory.
 */
export function parseDatabaseLocation(raw: string | undefined, dataDir: string): DatabaseLocation {
  const value = raw?.trim();
  if (!value) return { kind: 'sqlite', path: path.join(dataDir, DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: checkPostgresUrl(value) };
  if (/^sqlite:/i.test(value)) {
    // sqlite:///abs/path and sqlite:relative/path are both common spellings.
    const filePath = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!filePath) throw new ConfigError('database "sqlite:" names no file; write sqlite:/path/to/taskdesk.db');
    return { kind: 'sqlite', path: path.resolve(filePath) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (scheme) {
    throw new ConfigError(
      `database URL scheme "${scheme[1]}:" is not supported; use postgres://... for Postgres or a file path for SQLite`,
    );
  }
  return { kind: 'sqlite', path: path.resolve(value) };
}

function checkPostgresUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`database URL is not a valid URL: ${redactUrlText(value)}`);
  }
  if (!url.hostname) throw new ConfigError(`database URL names no host: ${describePostgresUrl(value)}`);
  return value;
}

/** The URL with any password replaced, for messages and logs. */
export function describePostgresUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return redactUrlText(value);
  }
}

function redactUrlText(value: string): string {
  return value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export function describeLocation(location: DatabaseLocation): string {
  return location.kind === 'sqlite' ? location.path : describePostgresUrl(location.url);
}
