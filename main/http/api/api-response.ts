import type { ServerResponse } from 'node:http';
import { toEnvelope } from '../../../shared/envelope';
import type { ErrorCode, Result } from '../../../shared/result';
import { sendJson } from '../responses';

const STATUS_OF: Record<ErrorCode, number> = {
  validation_error: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  internal: 500,
  unavailable: 503,
};

/** The same envelope the MCP tools answer with, so the UI shows agents' messages unchanged. */
export function sendResult(
  res: ServerResponse,
  result: Result<unknown>,
  statuses: { ok?: number | undefined; error?: number | undefined } = {},
  headers: Record<string, string> = {},
): void {
  const status = result.ok ? (statuses.ok ?? 200) : (statuses.error ?? STATUS_OF[result.error.code]);
  sendJson(res, status, toEnvelope(result), headers);
}
