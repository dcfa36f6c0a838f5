import type { ServerResponse } from 'node:http';
import type { McpReply, McpSeam } from '../mcp/mcp-seam';
import type { TokenService } from '../tokens/token-service';
import { guarded, type HttpRoute } from './exchange';
import { jsonExchangeGuard, tokenGuard } from './guards';
import { mcpHttpFacts } from './mcp-headers';
import { sendJsonText } from './responses';

function sendReply(res: ServerResponse, reply: McpReply | null): void {
  if (reply === null) {
    res.writeHead(202).end();
    return;
  }
  if (reply.kind === 'message') {
    sendJsonText(res, reply.status, reply.parts);
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  res.end(reply.messages.map((message) => `event: message\ndata: ${message}\n\n`).join(''));
}

/**
 * POST /mcp, Streamable HTTP, stateless: every HTTP check of the endpoint
 * (method, token, content type, Accept, body size) is declared here, in
 * front of both eras, and the message itself goes to the MCP seam for the
 * caller the token named.
 */
export function mcpRoute(
  mcp: Pick<McpSeam, 'handleMcpMessage'>,
  tokens: Pick<TokenService, 'authenticate'>,
  tokenSeen: (tokenId: string) => void,
): HttpRoute {
  return {
    path: '/mcp',
    methods: ['POST'],
    methodHint: 'use POST for MCP requests (stateless server, no SSE stream)',
    shape: 'json-rpc',
    run: guarded(
      tokenGuard(tokens, tokenSeen),
      guarded(jsonExchangeGuard(), async ({ req, res, caller, body }) => {
        sendReply(res, await mcp.handleMcpMessage(body, caller, mcpHttpFacts(req.headers)));
      }),
    ),
  };
}
