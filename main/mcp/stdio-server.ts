import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Readable } from 'node:stream';
import { buildMcpServer, type McpServerOptions } from './build-mcp-server';
import { ProtocolGate } from './protocol-gate';
import { screenStdioInput } from './stdio-screen';

/**
 * The same tools over stdio, for clients that only start local processes
 * (Claude Desktop). The process acts for one user; the client's name, from
 * its initialize request, labels its calls in the log. Resolves when the
 * client closes the pipe.
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
  const transport = new StdioServerTransport(
    screenStdioInput(input, (reply) => process.stdout.write(`${JSON.stringify(reply)}\n`)),
    process.stdout,
  );
  await server.connect(new ProtocolGate(transport));
  await closed;
}
