import { API_PATHS } from '../../../shared/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorCode, ConnectionDetails, ServerStatus } from '../../../shared/api';
import type { LiveEvents } from '../../live/live-events';
import type { TaskService } from '../../tasks/task-service';
import type { TaskWindows } from '../../tasks/task-windows';
import type { TokenService } from '../../tokens/token-service';
import type { ToolCallLog } from '../../tool-log/tool-call-log';
import { createToolCallPages } from '../../tool-log/tool-call-pages';
import { readJsonBody } from '../json-body';
import { sendAndClose } from '../responses';
import { sessionIdFrom } from '../ui/session-cookie';
import type { UiSessions } from '../ui/ui-sessions';
import { route, type ApiRequest, type ApiRoute } from './api-route';
import { sendApiError, sendResult } from './api-response';
import type { ClientSetupService } from '../../connect/client-setup';
import { clientRoutes } from './client-routes';
import { coordinationRoutes } from './coordination-routes';
import { desktopRoutes, type DesktopAdapter } from './desktop-routes';
import type { EventStreams } from './event-stream';
import { logAndStatusRoutes } from './log-and-status-routes';
import { sessionRoutes } from './session-routes';
import { taskRoutes } from './task-routes';
import { tokenRoutes } from './token-routes';

export interface ApiDeps {
  tasks: TaskService;
  taskWindows: TaskWindows;
  tokens: TokenService;
  toolLog: ToolCallLog;
  live: LiveEvents;
  streams: EventStreams;
  sessions: UiSessions;
  status: (userId: string) => Promise<ServerStatus>;
  connection: () => ConnectionDetails;
  port: () => number;
  /** Only inside the desktop app: its settings routes. */
  desktop?: DesktopAdapter | undefined;
  /** The clients on this computer that TaskDesk can set up. */
  clientSetup: () => ClientSetupService;
}

const BODY_ERROR_CODES = {
  400: 'validation_error',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
} as const satisfies Record<number, ApiErrorCode>;

const SIGN_IN_REQUIRED =
  'sign in first: open the link `taskdesk serve` printed, or run `taskdesk ui-link` for a fresh one (each link works once)';

/** Matches `/api/tasks/:id` against a path, returning the captured segments or undefined. */
function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const segment = got[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/**
 * The UI's JSON API. Signed-in browsers only (a session cookie), and
 * state-changing requests only from the server's own page: they must carry
 * an Origin header, which the listener has already checked is ours.
 */
export function createApiHandler(deps: ApiDeps) {
  const routes: ApiRoute[] = [
    ...sessionRoutes(deps.sessions, deps.port),
    ...logAndStatusRoutes(
      createToolCallPages(deps.toolLog, (userId, ids) => deps.tasks.titles(userId, ids)),
      deps.status,
      deps.connection,
    ),
    ...taskRoutes(deps.tasks, deps.taskWindows),
    ...coordinationRoutes(deps.tasks),
    ...tokenRoutes(deps.tokens),
    ...(deps.desktop ? desktopRoutes(deps.desktop) : []),
    ...clientRoutes(deps.clientSetup, { canConnect: deps.desktop !== undefined }),
    route('GET', API_PATHS.events, ({ res, userId, sessionKey }) => {
      deps.streams.open(res, userId, sessionKey);
      return Promise.resolve('handled' as const);
    }),
  ];

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const candidates = routes.flatMap((r) => {
      const params = match(r.path, url.pathname);
      return params ? [{ route: r, params }] : [];
    });
    if (candidates.length === 0) {
      sendAndClose(res, (r) => sendApiError(r, 404, 'not_found', `no API route ${url.pathname}`));
      return;
    }
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      const allow = candidates.map((c) => c.route.method).join(', ');
      sendAndClose(res, (r) =>
        sendApiError(r, 405, 'method_not_allowed', `use ${allow} for ${url.pathname}`, { allow }),
      );
      return;
    }
    if (req.method !== 'GET' && req.headers.origin === undefined) {
      sendAndClose(res, (r) =>
        sendApiError(r, 403, 'forbidden', 'changes must come from the TaskDesk page (the Origin header is missing)'),
      );
      return;
    }
    const session = await deps.sessions.find(sessionIdFrom(req, deps.port()));
    if (!session && !found.route.public) {
      sendAndClose(res, (r) => sendApiError(r, 401, 'unauthorized', SIGN_IN_REQUIRED));
      return;
    }
    const request: ApiRequest = {
      req,
      res,
      userId: session?.userId ?? '',
      sessionKey: session?.key ?? '',
      params: found.params,
      query: url.searchParams,
      body: async () => {
        const body = await readJsonBody(req);
        if (body.ok) return { value: body.value };
        if (body.status !== 'aborted')
          sendAndClose(res, (r) => sendApiError(r, body.status, BODY_ERROR_CODES[body.status], body.message));
        return undefined;
      },
    };
    const reply = await found.route.handle(request);
    if (reply === 'handled') return;
    sendResult(res, reply.result, { ok: reply.status, error: reply.errorStatus }, reply.headers);
  };
}
