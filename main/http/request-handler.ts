import type { IncomingMessage, ServerResponse } from 'node:http';
import { storageFailureOf } from '../db/storage-failure';
import type { Logger } from '../logging/logger';
import type { McpSeam } from '../mcp/mcp-seam';
import type { TokenService } from '../tokens/token-service';
import { guarded, routeMatches, type HttpRoute } from './exchange';
import { hostAndOriginProblem, tokenGuard } from './guards';
import type { HostPolicy } from './host-origin';
import { mcpRoute } from './mcp-route';
import { REFUSALS, refuse, type BodyShape } from './refusals';
import { sendJson } from './responses';
import type { StaticFiles } from './ui/static-files';

export interface RequestHandlerDeps {
  mcp: Pick<McpSeam, 'handleMcpMessage'>;
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
  /** The UI's JSON API under /api/: its own table of routes, each guarded by a session (see api-router). */
  api: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  ui: Pick<StaticFiles, 'serves' | 'send'>;
  logger: Logger;
}

/** The request's path, or "/" for a target no URL parser accepts (refused as malformed anyway). */
function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '/';
  }
}

/** The /healthz header that carries ServerOptions.instanceNonce. */
export const INSTANCE_HEADER = 'x-taskdesk-instance';

/**
 * The HTTP edge's whole job: refuse what must not be served (host, origin,
 * then each route's own guards) before doing any work, then hand the request
 * to its route. Every refusal comes from one catalogue (refusals.ts), in the
 * shape the route's callers read. No business rules live here.
 */
export function createRequestHandler(deps: RequestHandlerDeps) {
  const { logger } = deps;

  const routes: HttpRoute[] = [
    mcpRoute(deps.mcp, deps.tokens, deps.tokenSeen),
    {
      path: '/healthz',
      methods: ['GET', 'HEAD'],
      shape: 'plain',
      run: async ({ res }) => {
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
      },
    },
    {
      path: '/metrics',
      methods: ['GET'],
      shape: 'plain',
      run: guarded(tokenGuard(deps.tokens, deps.tokenSeen), async ({ res }) => {
        const text = await deps.metrics.render();
        res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }).end(text);
      }),
    },
    { path: '/api/*', shape: 'envelope', run: ({ req, res, url }) => deps.api(req, res, url) },
    {
      path: (path) => deps.ui.serves(path),
      methods: ['GET', 'HEAD'],
      methodHint: 'use GET for the UI',
      shape: 'plain',
      run: ({ req, res, url }) => deps.ui.send(req, res, url.pathname),
    },
  ];

  /**
   * The shape a request's callers read, before its route is known (or when it
   * has none). Only routes named by path: the UI's files are plain, as is
   * everything unknown, and a refused request must not make it list them.
   */
  function shapeOf(path: string): BodyShape {
    const named = routes.find((candidate) => typeof candidate.path === 'string' && routeMatches(candidate, path));
    return named?.shape ?? 'plain';
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const blocked = hostAndOriginProblem({ req }, deps.hostPolicy);
    if (blocked) {
      refuse(res, shapeOf(pathOf(req)), blocked);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const found = routes.find((candidate) => routeMatches(candidate, path));
    if (!found) {
      // Clients probe /.well-known/ for OAuth metadata; they must get a plain 404, not a page.
      refuse(res, 'plain', REFUSALS.notFound('not found'));
      return;
    }
    if (found.methods && !found.methods.includes(req.method ?? '')) {
      const hint = found.methodHint ?? `use ${found.methods.join(' or ')} for ${path}`;
      refuse(res, found.shape, REFUSALS.methodNotAllowed(found.methods, hint));
      return;
    }
    const refusal = await found.run({ req, res, url });
    if (refusal) refuse(res, found.shape, refusal);
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
      refuse(res, shapeOf(pathOf(req)), storage ? REFUSALS.storage(storage.message) : REFUSALS.internal);
    });
}
