import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Client as ClientType } from './connect-client';

/**
 * An SDK client over Streamable HTTP with exactly the given request options.
 * Config-file clients send their headers this way, and both OpenAI Agents SDKs
 * hand their `requestInit` or `headers` to this same transport.
 */
export async function connectOverHttp(url: string, requestInit: RequestInit, name: string): Promise<ClientType> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit }));
  return client;
}

export interface LocalCommand {
  command: string;
  args: string[];
  /** Added to the small default environment a desktop client gives the processes it starts. */
  env?: Record<string, string>;
  cwd?: string;
}

/** Starts a command as a desktop client does and speaks MCP over its stdin and stdout. */
export async function connectOverStdio(local: LocalCommand, name: string): Promise<ClientType> {
  const transport = new StdioClientTransport({
    command: local.command,
    args: local.args,
    env: { ...getDefaultEnvironment(), ...local.env },
    ...(local.cwd ? { cwd: local.cwd } : {}),
    stderr: 'pipe',
  });
  // Drained so a chatty process never blocks on a full pipe; shown if the connection fails.
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name, version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`${local.command} ${local.args.join(' ')} did not connect: ${String(error)}\n${stderr}`, {
      cause: error,
    });
  }
  return client;
}
