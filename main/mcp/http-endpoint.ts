import type { IncomingMessage, ServerResponse } from 'node:http';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { isJsonContentType } from '../http/json-body';
import { readBody } from '../http/read-body';
import { sendAndClose, sendError, sendJsonRpcError, sendJsonText } from '../http/responses';
import type { Caller } from '../tokens/token-service';
import { buildMcpServer, type McpServerOptions } from './build-mcp-server';
import { classifyBody, INVALID_PARAMS, INVALID_REQUEST, tidyErrorReply, toolCallParamsProblem } from './json-rpc';
import { connectBridge } from './request-bridge';
import { responseJsonParts } from './response-json';

export interface McpHttpEndpoint {
  /** Answers one authenticated POST /mcp. */
  handle: (req: IncomingMessage, res: ServerResponse, caller: Caller) => Promise<void>;
  close: () => Promise<void>;
}

// The versions the SDK negotiates at initialize; a later request naming any
// other version in its MCP-Protocol-Version header is refused.
export const PROTOCOL_VERSIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;

/** Clients must accept JSON; a missing Accept header is taken as accepting anything. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/** A JSON-RPC answer (HTTP 200) to a request whose id is known: the client matches it and sees -32602. */
function sendInvalidParams(res: ServerResponse, id: string | number, message: string): void {
  sendJsonText(res, 200, JSON.stringify({ jsonrpc: '2.0', id, error: { code: INVALID_PARAMS, message } }));
}

function callerOf(extra: { authInfo?: { extra?: Record<string, unknown> } }): Caller {
  const caller = extra.authInfo?.extra?.caller as Caller | undefined;
  if (!caller) throw new Error('an MCP request reached a tool without an authenticated caller');
  return caller;
}

/**
 * Streamable HTTP, stateless, JSON responses only: one long-lived server and
 * bridge serve every request (see RequestBridge for why that is safe).
 */
export async function createMcpHttpEndpoint(options: Omit<McpServerOptions, 'callerOf'>): Promise<McpHttpEndpoint> {
  const server = buildMcpServer({ ...options, callerOf });
  const bridge = await connectBridge(server);

  return {
    async handle(req, res, caller) {
      if (!isJsonContentType(req.headers['content-type'])) {
        sendAndClose(res, (r) => sendError(r, 415, 'Content-Type must be application/json'));
        return;
      }
      if (!acceptsJson(req.headers.accept)) {
        sendAndClose(res, (r) => sendError(r, 406, 'Accept must allow application/json'));
        return;
      }
      const version = req.headers['mcp-protocol-version'];
      if (version !== undefined && !PROTOCOL_VERSIONS.includes(String(version))) {
        const message = `Bad Request: unsupported MCP-Protocol-Version ${String(version).slice(0, 40)}; supported: ${PROTOCOL_VERSIONS.join(', ')}`;
        sendAndClose(res, (r) => sendJsonRpcError(r, 400, INVALID_REQUEST, message));
        return;
      }
      const body = await readBody(req);
      if (!body.ok) {
        if (body.reason === 'too_large') {
          sendAndClose(res, (r) => sendJsonRpcError(r, 413, INVALID_REQUEST, 'Request body is larger than 1 MiB'));
        }
        return;
      }
      const message = classifyBody(body.body);
      switch (message.kind) {
        case 'invalid':
          sendJsonRpcError(res, 400, message.code, message.message);
          return;
        case 'invalid_params':
          sendInvalidParams(res, message.id, message.message);
          return;
        case 'notification':
        case 'response':
          // Nothing to answer in stateless mode: no session holds server-side requests to respond to.
          res.writeHead(202).end();
          return;
        case 'request': {
          const problem = toolCallParamsProblem(message.request);
          if (problem) {
            sendInvalidParams(res, message.request.id, problem);
            return;
          }
          const authInfo = { token: '', clientId: caller.clientLabel, scopes: [], extra: { caller } };
          sendJsonText(
            res,
            200,
            responseJsonParts(tidyErrorReply(await bridge.dispatch(message.request, { authInfo }))),
          );
          return;
        }
      }
    },
    close: () => server.close(),
  };
}
