import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { isJsonContentType } from '../http/json-body';
import { readBody } from '../http/read-body';
import { sendAndClose, sendError, sendJson, sendJsonRpcError, sendJsonText } from '../http/responses';
import type { Caller } from '../tokens/token-service';
import { buildMcpServer, type McpServerOptions } from './build-mcp-server';
import { classifyBody, INVALID_PARAMS, INVALID_REQUEST, tidyErrorReply, toolCallParamsProblem } from './json-rpc';
import { createModernHandler, modernErrorAnswer, unsupportedVersion, type ModernAnswer } from './modern-handler';
import { mirroredHeaderProblem } from './modern-http-headers';
import { carriesModernMeta, LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSIONS } from './modern-protocol';
import { connectBridge } from './request-bridge';
import { responseJsonParts } from './response-json';
import { createToolCallRunner } from './tool-calls';
import { SERVER_INSTRUCTIONS } from './tool-definitions';

export interface McpHttpEndpoint {
  /** Answers one authenticated POST /mcp. */
  handle: (req: IncomingMessage, res: ServerResponse, caller: Caller) => Promise<void>;
  close: () => Promise<void>;
}

/** Clients must accept JSON; a missing Accept header is taken as accepting anything. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/**
 * A JSON-RPC answer to a request whose id is known: the client matches it and
 * sees -32602. HTTP 200 in the 2025 era; 400 in 2026-07-28, whose binding
 * answers a malformed request so.
 */
function sendInvalidParams(res: ServerResponse, id: string | number, message: string, status = 200): void {
  sendJsonText(res, status, JSON.stringify({ jsonrpc: '2.0', id, error: { code: INVALID_PARAMS, message } }));
}

function callerOf(extra: { authInfo?: { extra?: Record<string, unknown> } }): Caller {
  const caller = extra.authInfo?.extra?.caller as Caller | undefined;
  if (!caller) throw new Error('an MCP request reached a tool without an authenticated caller');
  return caller;
}

/**
 * Which era a request speaks. Modern (2026-07-28) requests name their version
 * in _meta, and their MCP-Protocol-Version header names a version no
 * initialize ever negotiated; everything else (initialize, and the requests
 * of a session it opened) is the 2025 era.
 */
function isModernRequest(versionHeader: string | undefined, request: JSONRPCRequest): boolean {
  if (versionHeader !== undefined && !LEGACY_PROTOCOL_VERSIONS.includes(versionHeader)) return true;
  return carriesModernMeta(request);
}

/** The MCP-Protocol-Version header without surrounding whitespace, if sent once. */
function versionHeaderOf(req: IncomingMessage): string | undefined {
  const value = req.headers['mcp-protocol-version'];
  return typeof value === 'string' ? value.trim() : undefined;
}

function sendModernAnswer(res: ServerResponse, answer: ModernAnswer): void {
  if (answer.kind === 'message') {
    sendJsonText(res, answer.status, answer.parts);
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  res.end(answer.messages.map((message) => `event: message\ndata: ${message}\n\n`).join(''));
}

/**
 * Streamable HTTP, stateless, both eras on one URL. The 2025 era is served by
 * one long-lived SDK server and bridge (see RequestBridge), JSON responses
 * only; the 2026-07-28 era by the modern handler. Both run the same tool
 * table for the caller the token named.
 */
export async function createMcpHttpEndpoint(options: Omit<McpServerOptions, 'callerOf'>): Promise<McpHttpEndpoint> {
  const server = buildMcpServer({ ...options, callerOf });
  const bridge = await connectBridge(server);
  const modern = createModernHandler({
    runTool: createToolCallRunner(options),
    version: options.version,
    instructions: SERVER_INSTRUCTIONS,
  });

  async function answerModern(
    req: IncomingMessage,
    res: ServerResponse,
    request: JSONRPCRequest,
    caller: Caller,
  ): Promise<void> {
    const versionHeader = versionHeaderOf(req);
    // A header naming a version served by neither era, on a request without modern _meta.
    if (
      !carriesModernMeta(request) &&
      versionHeader !== undefined &&
      !MODERN_PROTOCOL_VERSIONS.includes(versionHeader)
    ) {
      sendModernAnswer(res, modernErrorAnswer(request.id, unsupportedVersion(versionHeader)));
      return;
    }
    const answer = await modern.handle(request, {
      callerFor: () => caller,
      transportProblem: (checked, version) => mirroredHeaderProblem(req.headers, checked, version),
    });
    sendModernAnswer(res, answer);
  }

  async function answerLegacy(res: ServerResponse, request: JSONRPCRequest, caller: Caller): Promise<void> {
    const problem = toolCallParamsProblem(request);
    if (problem) {
      sendInvalidParams(res, request.id, problem);
      return;
    }
    const authInfo = { token: '', clientId: caller.clientLabel, scopes: [], extra: { caller } };
    sendJsonText(res, 200, responseJsonParts(tidyErrorReply(await bridge.dispatch(request, { authInfo }))));
  }

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
          sendJson(res, 400, {
            jsonrpc: '2.0',
            id: message.id,
            error: { code: message.code, message: message.message },
          });
          return;
        case 'invalid_params': {
          const version = versionHeaderOf(req);
          const modern = version !== undefined && !LEGACY_PROTOCOL_VERSIONS.includes(version);
          sendInvalidParams(res, message.id, message.message, modern ? 400 : 200);
          return;
        }
        case 'notification':
        case 'response':
          // Nothing to answer in stateless mode: no session holds server-side requests to respond to.
          res.writeHead(202).end();
          return;
        case 'request':
          if (isModernRequest(versionHeaderOf(req), message.request)) {
            await answerModern(req, res, message.request, caller);
          } else {
            await answerLegacy(res, message.request, caller);
          }
          return;
      }
    },
    close: () => server.close(),
  };
}
