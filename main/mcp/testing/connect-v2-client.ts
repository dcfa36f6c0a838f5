import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export type { Client as V2Client };

/** The three ways the official v2 client can open a connection. */
export type V2Mode = 'legacy' | 'auto' | 'pinned';

export const V2_MODES: readonly V2Mode[] = ['legacy', 'auto', 'pinned'];

export function v2ClientOptions(mode: V2Mode) {
  return { versionNegotiation: { mode: mode === 'pinned' ? { pin: '2026-07-28' } : mode } };
}

/** The official v2 client over real HTTP with a bearer token, opening in the given mode. */
export async function connectV2Client(
  mcpUrl: string,
  token: string,
  mode: V2Mode,
  name = 'taskdesk-v2',
): Promise<Client> {
  const client = new Client({ name, version: '2.0.0' }, v2ClientOptions(mode));
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}
