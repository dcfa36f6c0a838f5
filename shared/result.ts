/**
 * Expected outcomes travel as values, not exceptions: a model reading the
 * message must be able to correct its call. Exceptions are reserved for bugs
 * and infrastructure faults and are caught only at the edges.
 */
// `unavailable`: the storage cannot serve now (database unreachable, disk
// full); nothing was changed and the same call may succeed later.
// `forbidden`: the caller's credentials do not allow this kind of call (a
// read-only token writing); the same call will keep failing with them.
export const ERROR_CODES = [
  'validation_error',
  'not_found',
  'conflict',
  'forbidden',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes a service may return; `internal` and `unavailable` are only ever produced by an edge. */
export type ServiceErrorCode = Exclude<ErrorCode, 'internal' | 'unavailable'>;

export interface ServiceError {
  code: ServiceErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ServiceErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});
