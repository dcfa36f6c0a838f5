/* eslint-disable @typescript-eslint/no-deprecated -- The low-level Server is the SDK's API "for advanced use
   cases". This is one: McpServer validates arguments with its own schemas and answers failures in its own
   words, while every tool here must answer in TaskDesk's envelope with the task service's messages, and it
   builds a validator per instance, which a long-lived server shared by all requests does not need. */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../tokens/token-service';
import { SERVER_INSTRUCTIONS } from './tool-definitions';
import {
  createToolCallRunner,
  LISTED_TOOLS,
  unknownToolMessage,
  type FinishedToolCall,
  type ToolCallOptions,
} from './tool-calls';

export type { FinishedToolCall };

export type RequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface McpServerOptions extends ToolCallOptions {
  version: string;
  /** Who the request acts for; over HTTP from the token, over stdio from the process's options. */
  callerOf: (extra: RequestExtra, server: Server) => Caller;
}

/**
 * The MCP server for 2025-era (initialize) clients: the SDK's low-level
 * Server with the tool table. Tool arguments are validated once, by the task
 * service's zod schemas, so a bad argument comes back as a tool result in the
 * envelope (isError) that a model can act on, never as a protocol error; an
 * unknown tool is a protocol error.
 */
export function buildMcpServer(options: McpServerOptions): Server {
  const { version, callerOf } = options;
  const runTool = createToolCallRunner(options);
  const server = new Server(
    { name: 'taskdesk', title: 'TaskDesk', version },
    { capabilities: { tools: { listChanged: false } }, instructions: SERVER_INSTRUCTIONS },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => LISTED_TOOLS);

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const result = await runTool(request.params.name, request.params.arguments, callerOf(extra, server));
    if (!result) throw new McpError(ErrorCode.InvalidParams, unknownToolMessage(request.params.name));
    return result;
  });

  return server;
}
