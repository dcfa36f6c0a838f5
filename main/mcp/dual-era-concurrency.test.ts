import { afterAll, beforeAll, expect, it } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(sqliteTarget);
});
afterAll(() => server.close());

/** One tools/call as a client of the given era sends it, always under JSON-RPC id 1. */
async function callTool(
  token: string,
  modern: boolean,
  name: string,
  args: Record<string, unknown>,
): Promise<{ id: unknown; result: { structuredContent: { data: Record<string, unknown> } } }> {
  const params = { name, arguments: args, ...(modern ? { _meta: META } : {}) };
  const response = await fetch(server.server.mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${token}`,
      ...(modern ? { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': name } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Awaited<ReturnType<typeof callTool>>;
}

it('gives each of many interleaved modern and legacy clients, all using id 1, its own answer', async () => {
  const clients = await Promise.all(
    Array.from({ length: 24 }, async (_, index) => ({
      index,
      modern: index % 2 === 0,
      token: await server.createToken(`Concurrent ${index}`, `user-${index}`),
    })),
  );
  for (let round = 0; round < 3; round++) {
    await Promise.all(
      clients.map(async ({ index, modern, token }) => {
        const title = `task ${index} round ${round}`;
        const added = await callTool(token, modern, 'add_task', { title });
        expect(added.id).toBe(1);
        expect(added.result.structuredContent.data).toMatchObject({ task: { title } });
        const listed = await callTool(token, modern, 'list_tasks', { limit: 50 });
        const titles = (listed.result.structuredContent.data.tasks as { title: string }[]).map((task) => task.title);
        expect(titles).toEqual(Array.from({ length: round + 1 }, (_, r) => `task ${index} round ${round - r}`));
        expect('resultType' in listed.result).toBe(modern);
      }),
    );
  }
});
