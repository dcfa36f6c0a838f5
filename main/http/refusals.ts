import type { ServerResponse } from 'node:http';
import type { ApiErrorCode } from '../../shared/api';
import { sendAndClose, sendJson } from './responses';

/**
 * How a route's callers read an answer: JSON-RPC for /mcp (an MCP client
 * matches errors by their JSON-RPC shape), the UI's envelope for /api, plain
 * `{error}` JSON for everything else.
 */
export type BodyShape = 'json-rpc' | 'envelope' | 'plain';

/** One refusal, in every shape's terms at once. */
export interface Refusal {
  status: number;
  code: ApiErrorCode;
  message: string;
  headers?: Record<string, string>;
}

const UNAUTHORIZED_TOKEN =
  "missing or invalid bearer token: send 'Authorization: Bearer <token>'; create one with 'taskdesk token create --label NAME'";

const SIGN_IN_REQUIRED =
  'sign in first: open the link `taskdesk serve` printed, or run `taskdesk ui-link` for a fresh one (each link works once)';

/**
 * Every refusal the HTTP edge answers, in one place: what a caller is told
 * and with which status and headers does not depend on which guard noticed.
 */
export const REFUSALS = {
  duplicateHost: { status: 400, code: 'validation_error', message: 'Bad Request: more than one Host header' },
  malformedTarget: {
    status: 400,
    code: 'validation_error',
    message: 'Bad Request: the request target must be a path or an http URL',
  },
  hostNotAllowed: {
    status: 403,
    code: 'forbidden',
    message: 'forbidden: this host name is not allowed (see --allowed-host)',
  },
  originNotAllowed: { status: 403, code: 'forbidden', message: 'forbidden: requests from other origins are refused' },
  originMissing: {
    status: 403,
    code: 'forbidden',
    message: 'changes must come from the TaskDesk page (the Origin header is missing)',
  },
  noToken: {
    status: 401,
    code: 'unauthorized',
    message: UNAUTHORIZED_TOKEN,
    headers: { 'www-authenticate': 'Bearer realm="TaskDesk"' },
  },
  noSession: { status: 401, code: 'unauthorized', message: SIGN_IN_REQUIRED },
  notJson: { status: 415, code: 'unsupported_media_type', message: 'Content-Type must be application/json' },
  notAcceptingJson: { status: 406, code: 'not_acceptable', message: 'Accept must allow application/json' },
  tooLarge: { status: 413, code: 'payload_too_large', message: 'Request body is larger than 1 MiB' },
  internal: {
    status: 500,
    code: 'internal',
    message: 'internal server error; the server log has the details',
  },
  notFound: (what: string): Refusal => ({ status: 404, code: 'not_found', message: what }),
  badBody: (message: string): Refusal => ({ status: 400, code: 'validation_error', message }),
  methodNotAllowed: (allow: readonly string[], message: string): Refusal => ({
    status: 405,
    code: 'method_not_allowed',
    message,
    headers: { allow: allow.join(', ') },
  }),
  /** The database, not the request, is at fault: "try again later", in each caller's terms. */
  storage: (message: string): Refusal => ({
    status: 503,
    code: 'unavailable',
    message,
    headers: { 'retry-after': '5' },
  }),
} as const satisfies Record<string, Refusal | ((...args: never[]) => Refusal)>;

const INVALID_REQUEST = -32600;
const INTERNAL_ERROR = -32603;

function bodyOf(shape: BodyShape, refusal: Refusal): unknown {
  switch (shape) {
    case 'json-rpc':
      // No request id is known before the body is read, and every refusal here comes before that.
      return {
        jsonrpc: '2.0',
        id: null,
        error: { code: refusal.status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST, message: refusal.message },
      };
    case 'envelope':
      return { status: 'error', error: { code: refusal.code, message: refusal.message } };
    case 'plain':
      return { error: refusal.message };
  }
}

/**
 * Answers a refusal in the route's shape. The connection closes after it, so
 * the rest of an upload that was refused is never read or buffered.
 */
export function refuse(res: ServerResponse, shape: BodyShape, refusal: Refusal): void {
  sendAndClose(res, (r) => sendJson(r, refusal.status, bodyOf(shape, refusal), refusal.headers));
}
