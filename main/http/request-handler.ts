import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import type { Caller, TokenService } from '../tokens/token-service';
import { bearerToken } from './bearer';
import { checkRequestTarget, hasDuplicateHost, isAllowedHost, isAllowedOrigin, type HostPolicy } from './host-origin';
import { storageFailureOf } from '../db/storage-failure';
import type { ApiErrorCode } from '../../shared/api';
import { sendApiError } from './api/api-response';
import { sendAndClose, sendError, sendJson, sendJsonRpcError } from './responses';
import type { StaticFiles } from './ui/static-files';

export interface RequestHandlerDeps {
  mcp: { handle: (req: IncomingMessage, res: ServerResponse, caller: Caller) => Promise<void> };
  tokens: Pick<TokenService, 'authenticate'>;
  /** Told of every request a token authenticated, so "last seen" counts more than tool calls. */
  tokenSeen: (tokenId: string) => void;
  metrics: { contentType: string; render: () => Promise<string> };
  databaseReachable: () => Promise<boolean>;
  /** Why the database answers but cannot do its job (a full disk), or undefined. */
  storageProblem: () => string | undefined;
  hostPolicy: HostPolicy;
  /** Echoed on /healthz so the desktop app can verify the server on its port is its own. */
  instanceNonce?: string | undefined;
  /** The UI's JSON API under /api/. */
  api: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  ui: Pick<StaticFiles, 'serves' | 'send'>;
  logger: Logger;
}

/** The /healthz header that carries ServerOptions.instanceNonce. */
export const INSTANCE_HEADER = 'x-taskdesk-instance';

const INTERNAL_ERROR = -32603;

const UNAUTHORIZED =
  "missing or invalid bearer token: send 'Authorization: Bearer <token>'; create one with 'taskdesk token create --label NAME'";

/** A refusal in the shape its caller reads: the envelope for the UI's /api, plain JSON elsewhere. */
function refuse(res: ServerResponse, req: IncomingMessage, status: number, code: ApiErrorCode, message: string): void {
  const forApi = (req.url ?? '').startsWith('/api/');
  sendAndClose(res, (r) => (forApi ? sendApiError(r, status, code, message) : sendError(r, status, message)));
}

/**
 * The database, not the request, is at fault: 503 with Retry-After says "try
 * again later", in the terms of each kind of caller.
 */
function answerStorageFailure(req: IncomingMessage, res: ServerResponse, message: string): void {
  const retry = { 'retry-after': '5' };
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/mcp') {
    sendAndClose(res, (r) => sendJsonRpcError(r, 503, INTERNAL_ERROR, message, retry));
  } else if (path === '/api' || path.startsWith('/api/')) {
    sendAndClose(res, (r) => sendApiError(r, 503, 'unavailable', message, retry));
  } else {
    sendAndClose(res, (r) => sendError(r, 503, message, retry));
  }
}

/**
 * The HTTP listener's whole job: refuse what must not be served (host,
 * origin, route, credentials) before doing any work, then hand the request to
 * its route. No business rules live here.
 */
export function createRequestHandler(deps: RequestHandlerDeps) {
  const { logger } = deps;

  /** The caller a request's token names, or undefined after answering 401. */
  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<Caller | undefined> {
    const token = bearerToken(req);
    const caller = token ? await deps.tokens.authenticate(token) : undefined;
    if (caller?.tokenId) deps.tokenSeen(caller.tokenId);
    if (!caller) {
      sendAndClose(res, (r) => sendError(r, 401, UNAUTHORIZED, { 'www-authenticate': 'Bearer realm="TaskDesk"' }));
    }
    return caller;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (hasDuplicateHost(req.headersDistinct)) {
      refuse(res, req, 400, 'validation_error', 'Bad Request: more than one Host header');
      return;
    }
    const target = checkRequestTarget(req.url, deps.hostPolicy);
    if (target === 'malformed') {
      refuse(res, req, 400, 'validation_error', 'Bad Request: the request target must be a path or an http URL');
      return;
    }
    if (target === 'forbidden' || !isAllowedHost(req.headers.host, deps.hostPolicy)) {
      refuse(res, req, 403, 'forbidden', 'forbidden: this host name is not allowed (see --allowed-host)');
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, deps.hostPolicy)) {
      refuse(res, req, 403, 'forbidden', 'forbidden: requests from other origins are refused');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/mcp') {
      if (req.method !== 'POST') {
        sendAndClose(res, (r) =>
          sendError(r, 405, 'use POST for MCP requests (stateless server, no SSE stream)', { allow: 'POST' }),
        );
        return;
      }
      const caller = await authenticate(req, res);
      if (caller) await deps.mcp.handle(req, res, caller);
      return;
    }
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const reachable = await deps.databaseReachable();
      const problem = reachable ? deps.storageProblem() : undefined;
      const body = !reachable
        ? { status: 'unavailable', database: 'unreachable' }
        : problem
          ? { status: 'degraded', database: 'reachable', problem }
          : { status: 'ok', database: 'reachable' };
      sendJson(
        res,
        body.status === 'ok' ? 200 : 503,
        body,
        deps.instanceNonce ? { [INSTANCE_HEADER]: deps.instanceNonce } : {},
      );
      return;
    }
    if (path === '/metrics' && req.method === 'GET') {
      if (!(await authenticate(req, res))) return;
      const text = await deps.metrics.render();
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }).end(text);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      await deps.api(req, res, url);
      return;
    }
    if (deps.ui.serves(path)) {
      await deps.ui.send(req, res, path);
      return;
    }
    // Clients probe /.well-known/ for OAuth metadata; they must get a plain 404, not a page.
    sendAndClose(res, (r) => sendError(r, 404, 'not found'));
  }

  /** Settles once the request is answered (or given up on); it never rejects. */
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error, method: req.method, path: req.url?.split('?')[0] }, 'request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const storage = storageFailureOf(error);
      if (storage) answerStorageFailure(req, res, storage.message);
      else refuse(res, req, 500, 'internal', 'internal server error; the server log has the details');
    });
}
