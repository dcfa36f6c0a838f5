import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../tokens/token-service';
import { INVALID_PARAMS, toolCallParamsProblem } from './json-rpc';
import {
  META_PROTOCOL_VERSION,
  META_SERVER_INFO,
  META_SUBSCRIPTION_ID,
  METHOD_NOT_FOUND,
  metaProblem,
  MODERN_PROTOCOL_VERSIONS,
  requestMeta,
  SERVED_PROTOCOL_VERSIONS,
  UNSUPPORTED_PROTOCOL_VERSION,
  unsupportedVersionData,
} from './modern-protocol';
import { toolResultParts } from './response-json';
import { LISTED_TOOLS, unknownToolMessage, type ToolCallRunner } from './tool-calls';

/** A refusal in the 2026-07-28 terms: the HTTP status the binding names, and the JSON-RPC error. */
export interface ModernError {
  status: number;
  code: number;
  message: string;
  data?: unknown;
}

/** One JSON-RPC message in parts (see responseJsonParts), or a stream of whole messages (subscriptions/listen). */
export type ModernAnswer =
  { kind: 'message'; status: number; parts: readonly string[] } | { kind: 'stream'; messages: readonly string[] };

export interface ModernRequestContext {
  /** Who the request acts for: over HTTP the token's user, over stdio the process's; never _meta. */
  callerFor: (meta: Record<string, unknown>) => Caller;
  /** The transport's own checks (HTTP's mirrored headers), run once _meta is well formed. */
  transportProblem?: (request: JSONRPCRequest, version: string) => ModernError | undefined;
}

export interface ModernHandlerOptions {
  runTool: ToolCallRunner;
  version: string;
  instructions: string;
}

// The tool list and the server's identity change only with a new build; a
// client may reuse them for this long without asking again.
const CACHE_TTL_MS = 300_000;

const idJson = (id: string | number): string => JSON.stringify(id);

/**
 * Runs a tools/call and answers it: the tool's result (its envelope written
 * once for text and structured content, see responseJsonParts), with
 * `moreResultJson` an era adds to the result; -32602 for bad params or a tool
 * not in the table. Both eras answer tools/call through here.
 */
export async function answerToolCall(
  runTool: ToolCallRunner,
  request: JSONRPCRequest,
  caller: Caller,
  moreResultJson = '',
): Promise<ModernAnswer> {
  const problem = toolCallParamsProblem(request);
  if (problem) return modernErrorAnswer(request.id, { status: 200, code: INVALID_PARAMS, message: problem });
  const name = request.params?.name as string;
  const tool = await runTool(name, request.params?.arguments, caller);
  if (!tool)
    return modernErrorAnswer(request.id, { status: 200, code: INVALID_PARAMS, message: unknownToolMessage(name) });
  return { kind: 'message', status: 200, parts: toolResultParts(request.id, tool, moreResultJson) };
}

/** An error reply; it carries the request's id, since the body could be read. */
export function modernErrorAnswer(id: string | number | null, error: ModernError): ModernAnswer {
  const body = { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) };
  return { kind: 'message', status: error.status, parts: [JSON.stringify({ jsonrpc: '2.0', id, error: body })] };
}

/**
 * Serves 2026-07-28 requests statelessly: every request is checked on its
 * own _meta, then server/discover, tools/list, tools/call and
 * subscriptions/listen are answered from the same tool table and task
 * service as the initialize era. Results carry resultType and the server's
 * identity in _meta; cacheable ones carry ttlMs and cacheScope.
 */
export function createModernHandler(options: ModernHandlerOptions) {
  const { runTool, version, instructions } = options;
  const serverInfoMeta = { [META_SERVER_INFO]: { name: 'taskdesk', title: 'TaskDesk', version } };
  const serverInfoMetaJson = JSON.stringify(serverInfoMeta);
  // The tool list is the same for every user, so any cache may share it.
  const cacheable = { resultType: 'complete', ttlMs: CACHE_TTL_MS, cacheScope: 'public', _meta: serverInfoMeta };
  const discoverJson = JSON.stringify({
    supportedVersions: SERVED_PROTOCOL_VERSIONS,
    capabilities: { tools: { listChanged: false } },
    instructions,
    ...cacheable,
  });
  const toolsListJson = JSON.stringify({ ...LISTED_TOOLS, ...cacheable });

  const result = (id: string | number, resultJson: string): ModernAnswer => ({
    kind: 'message',
    status: 200,
    parts: ['{"jsonrpc":"2.0","id":', idJson(id), ',"result":', resultJson, '}'],
  });

  const toolResultMore = `,"resultType":"complete","_meta":${serverInfoMetaJson}`;

  /**
   * TaskDesk sends no change notifications (its tool list is fixed while it
   * runs), so a subscription is acknowledged with the empty set it will
   * honour, then ended gracefully with its completion result rather than held
   * open with nothing ever to say.
   */
  function listen(id: string | number): ModernAnswer {
    const subscription = { [META_SUBSCRIPTION_ID]: id };
    return {
      kind: 'stream',
      messages: [
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'notifications/subscriptions/acknowledged',
          params: { _meta: subscription, notifications: {} },
        }),
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          result: { resultType: 'complete', _meta: { ...subscription, ...serverInfoMeta } },
        }),
      ],
    };
  }

  return {
    async handle(request: JSONRPCRequest, context: ModernRequestContext): Promise<ModernAnswer> {
      const meta = requestMeta(request);
      const problem = metaProblem(meta);
      if (problem || !meta) {
        return modernErrorAnswer(request.id, { status: 400, code: INVALID_PARAMS, message: problem ?? '' });
      }
      const requested = meta[META_PROTOCOL_VERSION] as string;
      const refused = context.transportProblem?.(request, requested);
      if (refused) return modernErrorAnswer(request.id, refused);
      if (!MODERN_PROTOCOL_VERSIONS.includes(requested)) {
        return modernErrorAnswer(request.id, unsupportedVersion(requested));
      }
      switch (request.method) {
        case 'server/discover':
          return result(request.id, discoverJson);
        case 'tools/list':
          return result(request.id, toolsListJson);
        case 'tools/call':
          return answerToolCall(runTool, request, context.callerFor(meta), toolResultMore);
        case 'subscriptions/listen':
          return listen(request.id);
        default:
          return modernErrorAnswer(request.id, {
            status: 404,
            code: METHOD_NOT_FOUND,
            message: `Method not found: ${request.method.slice(0, 100)}. ${MODERN_PROTOCOL_VERSIONS[0]} methods served: server/discover, tools/list, tools/call, subscriptions/listen`,
          });
      }
    },
  };
}

export type ModernHandler = ReturnType<typeof createModernHandler>;

/** UnsupportedProtocolVersionError for a version this server does not serve with per-request _meta. */
export function unsupportedVersion(requested: string): ModernError {
  const legacy = SERVED_PROTOCOL_VERSIONS.includes(requested)
    ? ` ${requested.slice(0, 100)} is served to clients that open with initialize.`
    : '';
  return {
    status: 400,
    code: UNSUPPORTED_PROTOCOL_VERSION,
    message: `Unsupported protocol version.${legacy} Per-request _meta is served for: ${MODERN_PROTOCOL_VERSIONS.join(', ')}`,
    data: unsupportedVersionData(requested),
  };
}
