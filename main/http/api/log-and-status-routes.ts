import {
  RECENT_TOOL_CALLS_DEFAULT,
  toolCallsQuery,
  type ConnectionDetails,
  type ServerStatus,
} from '../../../shared/api';
import { ok } from '../../../shared/result';
import { validate } from '../../../shared/validate';
import type { ToolCallLog } from '../../tool-log/tool-call-log';
import { route, type ApiRoute } from './api-route';

export function logAndStatusRoutes(
  toolLog: ToolCallLog,
  status: (userId: string) => Promise<ServerStatus>,
  connection: () => ConnectionDetails,
): ApiRoute[] {
  return [
    route('GET', '/api/tool-calls', async ({ userId, query }) => {
      const parsed = validate(toolCallsQuery, Object.fromEntries(query));
      if (!parsed.ok) return { result: parsed };
      const calls = await toolLog.recent(userId, parsed.value.limit ?? RECENT_TOOL_CALLS_DEFAULT);
      return { result: ok({ calls }) };
    }),
    route('GET', '/api/status', async ({ userId }) => ({ result: ok(await status(userId)) })),
    route('GET', '/api/connection', () => Promise.resolve({ result: ok(connection()) })),
  ];
}
