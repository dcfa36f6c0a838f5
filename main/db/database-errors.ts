/**
 * A database that cannot be reached or used, described in one line that names
 * the database and the cause. The CLI prints the message as it is, so it must
 * never carry a password or a stack trace.
 */
import { UserFacingError } from '../errors';

export class DatabaseUnavailableError extends UserFacingError {
  override readonly name = 'DatabaseUnavailableError';
}

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/**
 * The driver's own error: drizzle wraps every failed query in an error of its
 * own ("Failed query: ...") whose `cause` is what pg threw.
 */
function rootCause(error: unknown): ErrorWithCode | undefined {
  let current = error as ErrorWithCode | undefined;
  for (let depth = 0; depth < 5 && current?.cause !== undefined && current.code === undefined; depth++) {
    current = current.cause as ErrorWithCode;
  }
  return current;
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is Postgres running and listening there?)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

const POSTGRES_CAUSES: Record<string, string> = {
  '3D000': 'database does not exist',
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected (check pg_hba.conf and the user name)',
  '57P03': 'server is starting up or shutting down',
  '53300': 'too many connections',
  '42501': 'permission denied',
};

/** The driver's error code of a failure (pg's SQLSTATE, a Node errno, better-sqlite3's SQLITE_*), if any. */
export function codeOf(error: unknown): string | undefined {
  const candidate = rootCause(error);
  if (typeof candidate?.code === 'string') return candidate.code;
  // Node reports a refused dual-stack connect as an AggregateError of attempts.
  if (Array.isArray(candidate?.errors)) return codeOf(candidate.errors[0]);
  return undefined;
}

/** The short cause of a Postgres connection or query failure. */
export function describePostgresFailure(error: unknown): string {
  const code = codeOf(error);
  if (code && NETWORK_CAUSES[code]) return NETWORK_CAUSES[code];
  if (code && POSTGRES_CAUSES[code]) return POSTGRES_CAUSES[code];
  const message = rootCause(error)?.message;
  if (typeof message === 'string' && message.length > 0) return message.split('\n')[0] ?? message;
  return 'unknown error';
}

const LOST_CONNECTION_CODES = new Set(['57P01', '57P02', '08000', '08003', '08006', 'ECONNRESET', 'EPIPE']);

/** True when a failure means the connection died, not that the query was wrong. */
export function isConnectionLost(error: unknown): boolean {
  const code = codeOf(error);
  if (code && LOST_CONNECTION_CODES.has(code)) return true;
  const message = rootCause(error)?.message;
  return typeof message === 'string' && /Connection terminated|not queryable|Client was closed/i.test(message);
}
