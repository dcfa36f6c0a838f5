import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Readable } from 'node:stream';
import type { Caller } from '../tokens/token-service';
import { buildMcpServer, type McpServerOptions } from './build-mcp-server';
import { createModernHandler } from './modern-handler';
import { clientNameOf } from './modern-protocol';
import { ProtocolGate } from './protocol-gate';
import { screenStdioInput } from './stdio-screen';
import { createToolCallRunner } from './tool-calls';
import { SERVER_INSTRUCTIONS } from './tool-definitions';

/**
 * The same tools over stdio, for clients that only start local processes
 * (Claude Desktop), in both eras: 2025 clients open with initialize, 2026-07-28
 * clients send _meta on every request. The process acts for one user; the
 * client's name, from initialize or from each request's _meta, labels its
 * calls in the log. Resolves when the client closes the pipe.
 */
export async function runStdioServer(
  options: Omit<McpServerOptions, 'callerOf'> & {
    userId: string;
    /** Where requests come from; process.stdin unless the host replaced it (Electron on Windows does). */
    input?: Readable;
  },
): Promise<void> {
  const input = options.input ?? process.stdin;
  const server = buildMcpServer({
    ...options,
    callerOf: (_extra, self) => ({
      tokenId: null,
      userId: options.userId,
      clientLabel: self.getClientVersion()?.name.slice(0, 100) ?? 'stdio client',
    }),
  });
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  // The SDK's stdio transport does not watch for the end of stdin; a client
  // closing the pipe, or a signal, must still end the server so the caller can
  // flush the log and close the database.
  const close = () => void server.close();
  input.once('end', close).once('close', close);
  process.once('SIGINT', close).once('SIGTERM', close);
  const modern = createModernHandler({
    runTool: createToolCallRunner(options),
    version: options.version,
    instructions: SERVER_INSTRUCTIONS,
  });
  const modernCaller = (meta: Record<string, unknown>): Caller => ({
    tokenId: null,
    userId: options.userId,
    clientLabel: clientNameOf(meta) ?? 'stdio client',
  });
  const transport = new StdioServerTransport(
    screenStdioInput(input, (reply) => process.stdout.write(`${JSON.stringify(reply)}\n`)),
    process.stdout,
  );
  const gate = new ProtocolGate(transport, (request) => modern.handle(request, { callerFor: modernCaller }));
  await server.connect(gate);
  await closed;
}
