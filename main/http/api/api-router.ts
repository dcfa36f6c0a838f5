import { API_PATHS } from '../../../shared/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionDetails, ServerStatus } from '../../../shared/api';
import type { LiveEvents } from '../../live/live-events';
import type { TaskService } from '../../tasks/task-service';
import type { TaskWindows } from '../../tasks/task-windows';
import type { TokenService } from '../../tokens/token-service';
import type { ToolCallLog } from '../../tool-log/tool-call-log';
import { createToolCallPages } from '../../tool-log/tool-call-pages';
import { readJsonBody } from '../json-body';
import { REFUSALS, refuse, type Refusal } from '../refusals';
import { sessionIdFrom } from '../ui/session-cookie';
import type { UiSessions } from '../ui/ui-sessions';
import { route, type ApiReply, type ApiRoute } from './api-route';

interface FoundRoute {
  route: ApiRoute;
  params: Record<string, string>;
}
import { sendResult } from './api-response';
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
 * The UI's JSON API: a table of routes, each refused or answered in the
 * envelope. Signed-in browsers only (a session cookie), and
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
    route('GET', API_PATHS.events, ({ userId, sessionKey }) =>
      Promise.resolve({ stream: (res) => deps.streams.open(res, userId, sessionKey) }),
    ),
  ];

  /** The route's guards (origin for changes, session, body) and then the route, or the refusal that stopped it. */
  async function run(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    found: FoundRoute,
  ): Promise<ApiReply | Refusal | undefined> {
    if (req.method !== 'GET' && req.headers.origin === undefined) return REFUSALS.originMissing;
    const session = await deps.sessions.find(sessionIdFrom(req, deps.port()));
    if (!session && !found.route.public) return REFUSALS.noSession;
    let body: unknown;
    if (req.method !== 'GET') {
      const read = await readJsonBody(req);
      if (!read.ok) {
        // A client that went away mid-body has nobody left to answer.
        if ('aborted' in read) {
          res.destroy();
          return undefined;
        }
        return read.refusal;
      }
      body = read.value;
    }
    return found.route.handle({
      req,
      userId: session?.userId ?? '',
      sessionKey: session?.key ?? '',
      params: found.params,
      query: url.searchParams,
      body,
    });
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const candidates = routes.flatMap((r) => {
      const params = match(r.path, url.pathname);
      return params ? [{ route: r, params }] : [];
    });
    if (candidates.length === 0) {
      refuse(res, 'envelope', REFUSALS.notFound(`no API route ${url.pathname}`));
      return;
    }
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      const allow = candidates.map((c) => c.route.method);
      refuse(res, 'envelope', REFUSALS.methodNotAllowed(allow, `use ${allow.join(', ')} for ${url.pathname}`));
      return;
    }
    const reply = await run(req, res, url, found);
    if (!reply) return;
    if ('stream' in reply) reply.stream(res);
    else if ('result' in reply)
      sendResult(res, reply.result, { ok: reply.status, error: reply.errorStatus }, reply.headers);
    else refuse(res, 'envelope', reply);
  };
}
