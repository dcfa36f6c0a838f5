import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../tokens/token-service';
import { buildMcpServer, type McpServerOptions } from './build-mcp-server';
import {
  classifyBody,
  INTERNAL_ERROR,
  INVALID_PARAMS,
  isPlainToolCall,
  tidyErrorReply,
  toolCallParamsProblem,
} from './json-rpc';
import {
  answerToolCall,
  createModernHandler,
  modernErrorAnswer,
  unsupportedVersion,
  type ModernAnswer,
  type ModernError,
} from './modern-handler';
import { carriesModernMeta, clientNameOf, LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS } from './modern-protocol';
import { connectBridge } from './request-bridge';
import { responseJsonParts } from './response-json';
import { createToolCallRunner } from './tool-calls';
import { SERVER_INSTRUCTIONS } from './tool-definitions';

/**
 * What one message gets back: a JSON-RPC message in parts that join into it,
 * with the HTTP status the era's binding names (stdio ignores it), or a
 * stream of whole messages (subscriptions/listen).
 */
export type McpReply = ModernAnswer;

export type { ModernError };

/**
 * What only HTTP knows about a message, checked by the HTTP edge: the
 * MCP-Protocol-Version header (trimmed, if sent once), and the binding's check
 * that the headers mirroring the body agree with it (run once a modern
 * request's _meta is well formed).
 */
export interface McpHttpFacts {
  versionHeader: string | undefined;
  mirroredHeaderProblem: (request: JSONRPCRequest, version: string) => ModernError | undefined;
}

export interface McpSeamOptions extends Omit<McpServerOptions, 'callerOf'> {
  /**
   * Over stdio one process serves one client, and its calls are labelled by
   * the name that client gives (initialize's clientInfo, or each modern
   * request's _meta); over HTTP the token's label stands.
   */
  labelCallsByClientName?: boolean;
}

export interface McpSeam {
  /**
   * Answers one JSON-RPC message, as read off the wire, for the caller the
   * transport authenticated (never for anyone the message names). Null when
   * there is nothing to answer (a notification or a response).
   */
  handleMcpMessage: (message: Buffer, caller: Caller, http?: McpHttpFacts) => Promise<McpReply | null>;
  close: () => Promise<void>;
}

const STDIO_CLIENT = 'stdio client';

/**
 * Which era a request speaks. Modern (2026-07-28) requests name their version
 * in _meta; over HTTP their MCP-Protocol-Version header names a version no
 * initialize ever negotiated, and over stdio a modern client probes with
 * server/discover. Everything else (initialize, and the requests of a session
 * it opened) is the 2025 era.
 */
function isModern(request: JSONRPCRequest, http: McpHttpFacts | undefined): boolean {
  if (carriesModernMeta(request)) return true;
  if (!http) return request.method === 'server/discover';
  const version = http.versionHeader;
  return version !== undefined && !LEGACY_PROTOCOL_VERSIONS.includes(version);
}

/**
 * The one way into MCP, for HTTP and stdio alike: both eras, the same tool
 * table, the same task service. The 2025 era is served by one long-lived SDK
 * server behind a bridge (see RequestBridge); the 2026-07-28 era by the
 * modern handler, statelessly. The SDK stays behind this seam.
 */
export async function createMcpSeam(options: McpSeamOptions): Promise<McpSeam> {
  const server = buildMcpServer({
    ...options,
    callerOf: (extra) => {
      const caller = extra.authInfo?.extra?.caller as Caller | undefined;
      if (!caller) throw new Error('an MCP request reached a tool without an authenticated caller');
      return caller;
    },
  });
  const bridge = await connectBridge(server);
  const runTool = createToolCallRunner(options);
  const modern = createModernHandler({
    runTool,
    version: options.version,
    instructions: SERVER_INSTRUCTIONS,
  });
  /** The name the stdio client gave in initialize; one process serves one client. */
  let initializedName: string | undefined;

  function legacyCaller(request: JSONRPCRequest, caller: Caller): Caller {
    if (!options.labelCallsByClientName) return caller;
    if (request.method === 'initialize') {
      const name = (request.params?.clientInfo as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string' && name.length > 0) initializedName = name.slice(0, 100);
    }
    return { ...caller, clientLabel: initializedName ?? STDIO_CLIENT };
  }

  async function answerLegacy(request: JSONRPCRequest, caller: Caller): Promise<McpReply> {
    // The hot path: a plain tools/call runs the tool table directly, answered byte for byte as the SDK's
    // reply would be written (responseJsonParts), without the SDK's schema parse, abort signal and reply copy.
    if (isPlainToolCall(request)) return answerToolCall(runTool, request, caller);
    const problem = toolCallParamsProblem(request);
    if (problem) return modernErrorAnswer(request.id, { status: 200, code: INVALID_PARAMS, message: problem });
    const authInfo = { token: '', clientId: caller.clientLabel, scopes: [], extra: { caller } };
    const reply = tidyErrorReply(await bridge.dispatch(request, { authInfo }));
    return { kind: 'message', status: 200, parts: responseJsonParts(reply) };
  }

  function answerModern(request: JSONRPCRequest, caller: Caller, http: McpHttpFacts | undefined): Promise<McpReply> {
    const versionHeader = http?.versionHeader;
    // A header naming a version served by neither era, on a request without modern _meta.
    if (
      !carriesModernMeta(request) &&
      versionHeader !== undefined &&
      !MODERN_PROTOCOL_VERSIONS.includes(versionHeader)
    ) {
      return Promise.resolve(modernErrorAnswer(request.id, unsupportedVersion(versionHeader)));
    }
    return modern.handle(request, {
      callerFor: (meta) =>
        options.labelCallsByClientName ? { ...caller, clientLabel: clientNameOf(meta) ?? STDIO_CLIENT } : caller,
      ...(http ? { transportProblem: http.mirroredHeaderProblem } : {}),
    });
  }

  return {
    async handleMcpMessage(body, caller, http) {
      const message = classifyBody(body);
      switch (message.kind) {
        case 'invalid':
          return modernErrorAnswer(message.id, { status: 400, code: message.code, message: message.message });
        case 'invalid_params': {
          // The 2026-07-28 binding answers a malformed request with 400; the 2025 era with 200.
          const version = http?.versionHeader;
          const modernHeader = version !== undefined && !LEGACY_PROTOCOL_VERSIONS.includes(version);
          return modernErrorAnswer(message.id, {
            status: modernHeader ? 400 : 200,
            code: INVALID_PARAMS,
            message: message.message,
          });
        }
        case 'notification':
        case 'response':
          // Nothing to answer statelessly: no session holds server-side requests to respond to.
          return null;
        case 'request':
          try {
            return await (isModern(message.request, http)
              ? answerModern(message.request, caller, http)
              : answerLegacy(message.request, legacyCaller(message.request, caller)));
          } catch (error) {
            // Answered under the request's id whatever failed, so no client (over stdio above all) waits forever.
            options.logger.error({ err: error, method: message.request.method }, 'an MCP request failed');
            return modernErrorAnswer(message.request.id, {
              status: 500,
              code: INTERNAL_ERROR,
              message: 'TaskDesk hit an internal error answering this request; the server log has the details.',
            });
          }
      }
    },
    close: () => server.close(),
  };
}
