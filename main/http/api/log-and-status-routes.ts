import { API_PATHS } from '../../../shared/api';
import type { ConnectionDetails, ServerStatus } from '../../../shared/api';
import { ok } from '../../../shared/result';
import type { ToolCallPages } from '../../tool-log/tool-call-pages';
import { route, type ApiRoute } from './api-route';

export function logAndStatusRoutes(
  toolCallPages: ToolCallPages,
  status: (userId: string) => Promise<ServerStatus>,
  connection: () => ConnectionDetails,
): ApiRoute[] {
  return [
    route('GET', API_PATHS.toolCalls, async ({ userId, query }) => ({
      result: await toolCallPages(userId, Object.fromEntries(query)),
    })),
    route('GET', API_PATHS.status, async ({ userId }) => ({ result: ok(await status(userId)) })),
    route('GET', API_PATHS.connection, () => Promise.resolve({ result: ok(connection()) })),
  ];
}
