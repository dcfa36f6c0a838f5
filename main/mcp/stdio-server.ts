import type { Readable, Writable } from 'node:stream';
import type { Caller } from '../tokens/token-service';
import { INVALID_REQUEST } from './json-rpc';
import { createMcpSeam, type McpReply, type McpSeamOptions } from './mcp-seam';
import { readStdioLines } from './stdio-lines';

/** The largest message read from stdin; a longer line is refused and skipped. */
const MAX_STDIO_MESSAGE_BYTES = 10 * 1024 * 1024;

/** stdio has no statuses: the message, or each message of a stream, is one line. */
function linesOf(reply: McpReply): string[] {
  return reply.kind === 'message' ? [reply.parts.join('')] : [...reply.messages];
}

/**
 * The same tools over stdio, for clients that only start local processes
 * (Claude Desktop), in both eras, through the same MCP seam as HTTP: 2025
 * clients open with initialize, 2026-07-28 clients send _meta on every
 * request. The process acts for one user; the client's name labels its calls
 * in the log. Resolves when the client closes the pipe (or on SIGINT or
 * SIGTERM), once every request read has been answered.
 */
export async function runStdioServer(
  options: Omit<McpSeamOptions, 'labelCallsByClientName'> & {
    userId: string;
    /** Where requests come from; process.stdin unless the host replaced it (Electron on Windows does). */
    input?: Readable;
    output?: Writable;
  },
): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const mcp = await createMcpSeam({ ...options, labelCallsByClientName: true });
  const caller: Caller = { tokenId: null, userId: options.userId, clientLabel: 'stdio client' };
  const write = (line: string) => output.write(`${line}\n`);
  // A signal ends the reading; requests already read are still answered and logged.
  const stop = () => input.destroy();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const answering = new Set<Promise<void>>();
  try {
    for await (const line of readStdioLines(input, MAX_STDIO_MESSAGE_BYTES)) {
      if (line.kind === 'too_long') {
        const message = `Invalid Request: a message is larger than ${MAX_STDIO_MESSAGE_BYTES / 1024 / 1024} MiB`;
        write(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message } }));
        continue;
      }
      if (line.bytes.toString('utf8').trim() === '') continue;
      const answer = mcp.handleMcpMessage(line.bytes, caller).then(
        (reply) => {
          if (reply) for (const text of linesOf(reply)) write(text);
        },
        (error: unknown) => options.logger.error({ err: error }, 'an MCP message over stdio failed'),
      );
      answering.add(answer);
      void answer.finally(() => answering.delete(answer));
    }
  } catch (error) {
    // A pipe destroyed by a signal ends the reading like a closed one; anything else is the caller's to log.
    if (!input.destroyed) throw error;
  } finally {
    // The handlers stay until every answer is out and logged: a second signal meanwhile must not kill the process.
    await Promise.allSettled(answering);
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await mcp.close();
  }
}
