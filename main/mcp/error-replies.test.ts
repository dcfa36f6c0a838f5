import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { rawRequest } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';

interface ErrorReply {
  id: unknown;
  error: { code: number; message: string };
}

/**
 * A client matches a reply to its request by id and shows the message to a
 * person or a model: an error reply must carry the request's id, and its
 * message must read as one clean line.
 */
describe('MCP error replies', () => {
  let server: TestServer;
  let token: string;
  let client: Client;

  const rawCall = async (message: unknown) => {
    const response = await rawRequest({
      port: server.server.port,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(message),
    });
    return { status: response.status, reply: JSON.parse(response.body) as ErrorReply };
  };

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget);
    token = await server.createToken('Error Reply Client');
    client = await server.connect(token);
  });
  afterAll(() => server.close());

  it("answers params that are not an object with -32602 under the request's own id", async () => {
    for (const params of [[], ['add_task'], 'x', 5, null]) {
      const { status, reply } = await rawCall({ jsonrpc: '2.0', id: 'p-1', method: 'tools/call', params });
      expect([params, status, reply.id, reply.error.code]).toEqual([params, 200, 'p-1', -32602]);
      expect(reply.error.message).toMatch(/^Invalid params: params must be an object/);
    }
  });

  it("answers a malformed _meta or progress token under the request's own id instead of leaving it hanging", async () => {
    for (const meta of [5, { progressToken: {} }, { progressToken: 1.5 }]) {
      const params = { name: 'health_check', arguments: {}, _meta: meta };
      const { status, reply } = await rawCall({ jsonrpc: '2.0', id: 9, method: 'tools/call', params });
      expect([meta, status, reply.id, reply.error.code]).toEqual([meta, 200, 9, -32602]);
      expect(reply.error.message).toMatch(/^Invalid params: params\._meta/);
    }
  }, 10_000);

  it('answers the SDK client its own request with invalid params as an MCP error, not a transport failure', async () => {
    const bad = client.request({ method: 'tools/call', params: [] as never }, CallToolResultSchema, { timeout: 5000 });
    const error = await bad.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32602);
  });

  it('names an unknown tool in one clean line, over raw HTTP and through the SDK client', async () => {
    const { reply } = await rawCall({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'nope' } });
    expect(reply.id).toBe(3);
    expect(reply.error.code).toBe(-32602);
    expect(reply.error.message).toMatch(/^Unknown tool: nope\. Tools: add_task, /);

    const error = await client.callTool({ name: 'nope', arguments: {} }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).message).toMatch(/^MCP error -32602: Unknown tool: nope\. Tools: add_task, /);
    expect((error as McpError).message.match(/MCP error/g)).toHaveLength(1);
  });
});
