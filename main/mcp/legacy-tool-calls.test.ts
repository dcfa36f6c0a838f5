import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { isPlainToolCall } from './json-rpc';
import { rawRequest } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * 2025-era tools/call is answered without the SDK when its params are plain
 * (mcp-seam.ts); the answer must be the one the SDK gives, byte for byte. A
 * params key TaskDesk does not read sends the same call through the SDK.
 */
describe('2025-era tools/call answered beside the SDK', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget);
    token = await server.createToken('Legacy');
  });
  afterAll(() => server.close());

  async function call(id: number, params: Record<string, unknown>): Promise<{ status: number; body: string }> {
    const response = await rawRequest({
      port: server.server.port,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${token}`,
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }),
    });
    return { status: response.status, body: response.body };
  }

  const isPlain = (params: Record<string, unknown>) =>
    isPlainToolCall({ jsonrpc: '2.0', id: 7, method: 'tools/call', params });

  it('sends anything but plain params through the SDK', () => {
    expect(isPlain({ name: 'list_tasks' })).toBe(true);
    expect(isPlain({ name: 'list_tasks', _meta: { progressToken: 3 } })).toBe(true);
    expect(isPlain({ name: 'list_tasks', _meta: { progressToken: 1.5 } })).toBe(false);
    expect(isPlain({ name: 'list_tasks', _meta: [] })).toBe(false);
    expect(isPlain({ name: 'list_tasks', task: { ttl: 1000 } })).toBe(false);
    expect(isPlain({ name: 7 })).toBe(false);
    expect(isPlainToolCall({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} })).toBe(false);
  });

  it.each([
    ['a page of tasks', { name: 'list_tasks', arguments: {} }],
    ['an envelope error', { name: 'get_task', arguments: { task_id: 'not-an-id' } }],
    ['a tool not in the table', { name: 'no_such_tool', arguments: {} }],
    ['a progress token in _meta', { name: 'list_tasks', arguments: { limit: 2 }, _meta: { progressToken: 'p-1' } }],
  ])('%s: the same answer either way', async (_case, params) => {
    for (let index = 0; index < 3; index++) {
      await call(100 + index, { name: 'add_task', arguments: { title: `Task ${index}`, tags: ['same'] } });
    }
    expect(isPlain(params)).toBe(true);
    expect(isPlain({ ...params, unreadByTaskDesk: true })).toBe(false);
    const direct = await call(7, params);
    const throughTheSdk = await call(7, { ...params, unreadByTaskDesk: true });
    expect(direct.status).toBe(200);
    expect(throughTheSdk.status).toBe(200);
    expect(direct.body).toBe(throughTheSdk.body);
  });
});
