import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { rawExchange, rawRequest, type RawResponse } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';

const VERSION = '2026-07-28';
const META = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientInfo': { name: 'Wire Client', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

interface Reply {
  jsonrpc: string;
  id: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

/** The standard headers a conforming 2026-07-28 client sends for this request. */
function mirroredHeaders(method: string, params: Record<string, unknown> | undefined): Record<string, string> {
  const name = params?.name;
  return {
    'mcp-protocol-version': VERSION,
    'mcp-method': method,
    ...(method === 'tools/call' && typeof name === 'string' ? { 'mcp-name': name } : {}),
  };
}

describe('MCP 2026-07-28 on POST /mcp (raw HTTP)', () => {
  let server: TestServer;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget);
    token = await server.createToken('Wire');
    otherToken = await server.createToken('Wire, other user', 'someone-else');
  });
  afterAll(() => server.close());

  /** Sends one request; `headers` replaces or (with undefined) removes any of the conforming ones. */
  function post(
    body: Record<string, unknown>,
    headers: Record<string, string | undefined> = {},
    bearer = token,
  ): Promise<RawResponse> {
    const standard = mirroredHeaders(body.method as string, body.params as Record<string, unknown> | undefined);
    const merged: Record<string, string | undefined> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${bearer}`,
      ...standard,
      ...headers,
    };
    const sent = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Record<
      string,
      string
    >;
    return rawRequest({ port: server.server.port, headers: sent, body: JSON.stringify({ jsonrpc: '2.0', ...body }) });
  }

  const reply = (response: RawResponse): Reply => JSON.parse(response.body) as Reply;
  const rpc = (id: number | string, method: string, params: Record<string, unknown> = { _meta: META }) => ({
    id,
    method,
    params,
  });

  it('answers server/discover with every version served, its capabilities, identity and caching hints', async () => {
    const response = await post(rpc('d-1', 'server/discover'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const { id, result } = reply(response);
    expect(id).toBe('d-1');
    expect(result).toMatchObject({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining([VERSION, '2025-11-25', '2025-06-18']) as string[],
      capabilities: { tools: {} },
      instructions: expect.stringMatching(/list_tasks/) as string,
      ttlMs: expect.any(Number) as number,
      cacheScope: 'public',
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'taskdesk', version: expect.any(String) as string } },
    });
    expect((result?.supportedVersions as string[])[0]).toBe(VERSION);
  });

  it('marks tools/list cacheable by anyone (the list is the same for every user), with resultType and serverInfo', async () => {
    const { result } = reply(await post(rpc(2, 'tools/list')));
    expect(result).toMatchObject({ resultType: 'complete', cacheScope: 'public' });
    expect(Number.isInteger(result?.ttlMs) && (result?.ttlMs as number) >= 0).toBe(true);
    expect(result?._meta).toHaveProperty(['io.modelcontextprotocol/serverInfo', 'name'], 'taskdesk');
    expect((result?.tools as { name: string }[]).map((tool) => tool.name)).toContain('add_task');
  });

  it('runs tools/call for the token’s user with the envelope mirrored in text, resultType and serverInfo', async () => {
    const params = { name: 'add_task', arguments: { title: 'modern wire task' }, _meta: META };
    const response = await post(rpc(3, 'tools/call', params));
    const { id, result } = reply(response);
    expect([response.status, id]).toEqual([200, 3]);
    expect(result).toMatchObject({ resultType: 'complete', isError: false, structuredContent: { status: 'success' } });
    expect((result?.content as { text: string }[])[0]?.text).toBe(JSON.stringify(result?.structuredContent));
    expect(result?._meta).toHaveProperty(['io.modelcontextprotocol/serverInfo', 'name'], 'taskdesk');

    const listParams = { name: 'list_tasks', arguments: { query: 'modern wire task' }, _meta: META };
    const theirs = reply(await post(rpc(4, 'tools/call', listParams), {}, otherToken));
    expect(theirs.result?.structuredContent).toEqual({ status: 'success', data: { tasks: [], next_cursor: null } });
  });

  it('answers a tool error in the envelope and an unknown tool with -32602, each under the request’s id', async () => {
    const bad = reply(await post(rpc(5, 'tools/call', { name: 'get_task', arguments: { task_id: 'x' }, _meta: META })));
    expect(bad.result).toMatchObject({ isError: true, structuredContent: { status: 'error' } });
    const unknown = reply(await post(rpc(6, 'tools/call', { name: 'no_such_tool', arguments: {}, _meta: META })));
    expect([unknown.id, unknown.error?.code]).toEqual([6, -32602]);
  });

  it('answers a tools/call without arguments as the 2025 era does', async () => {
    const legacy = reply(
      await post(
        { id: 8, method: 'tools/call', params: { name: 'get_task' } },
        { 'mcp-protocol-version': undefined, 'mcp-method': undefined, 'mcp-name': undefined },
      ),
    );
    const modern = reply(await post(rpc(8, 'tools/call', { name: 'get_task', _meta: META })));
    expect(modern.result?.structuredContent).toEqual(legacy.result?.structuredContent);
    expect(modern.result?.isError).toBe(true);
  });

  it('refuses a request missing a required _meta field with 400 and -32602, under its id', async () => {
    const { 'io.modelcontextprotocol/clientCapabilities': _capabilities, ...noCapabilities } = META;
    const { 'io.modelcontextprotocol/protocolVersion': _version, ...noVersion } = META;
    for (const [id, params] of [
      [101, {}],
      [102, { _meta: noVersion }],
      [104, { _meta: noCapabilities }],
    ] as const) {
      const response = await post(rpc(id, 'server/discover', params));
      expect([id, response.status, reply(response).id, reply(response).error?.code]).toEqual([id, 400, id, -32602]);
    }
  });

  it('serves a request whose _meta leaves out clientInfo (it is optional)', async () => {
    const { 'io.modelcontextprotocol/clientInfo': _info, ...noInfo } = META;
    expect((await post(rpc(7, 'server/discover', { _meta: noInfo }))).status).toBe(200);
  });

  it('refuses an unsupported version with 400 and UnsupportedProtocolVersionError naming supported and requested', async () => {
    const meta = { ...META, 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' };
    const response = await post(rpc(301, 'server/discover', { _meta: meta }), { 'mcp-protocol-version': 'v999.0.0' });
    expect(response.status).toBe(400);
    const { id, error } = reply(response);
    expect([id, error?.code]).toEqual([301, -32022]);
    expect(error?.data).toEqual({ supported: expect.arrayContaining([VERSION]) as string[], requested: 'v999.0.0' });
  });

  it('refuses an unknown MCP-Protocol-Version on a request without _meta the same way, under its id', async () => {
    const response = await post({ id: 'old', method: 'tools/list' }, { 'mcp-protocol-version': '1999-01-01' });
    expect(response.status).toBe(400);
    expect(reply(response)).toMatchObject({ id: 'old', error: { code: -32022, data: { requested: '1999-01-01' } } });
  });

  it('refuses headers that do not mirror the body with 400 and -32020 (HeaderMismatch)', async () => {
    const call = rpc(9, 'tools/call', { name: 'health_check', arguments: {}, _meta: META });
    const cases: [string, Record<string, unknown>, Record<string, string | undefined>][] = [
      ['version header differs from _meta', rpc(9, 'server/discover'), { 'mcp-protocol-version': '2025-11-25' }],
      ['version header missing', rpc(9, 'server/discover'), { 'mcp-protocol-version': undefined }],
      ['Mcp-Method differs', rpc(9, 'tools/list'), { 'mcp-method': 'prompts/list' }],
      ['Mcp-Method missing', rpc(9, 'tools/list'), { 'mcp-method': undefined }],
      ['Mcp-Method differs in case', rpc(9, 'tools/list'), { 'mcp-method': 'TOOLS/LIST' }],
      ['Mcp-Name differs', call, { 'mcp-name': 'add_task' }],
      ['Mcp-Name missing', call, { 'mcp-name': undefined }],
    ];
    for (const [why, body, headers] of cases) {
      const response = await post(body, headers);
      expect([why, response.status, reply(response).id, reply(response).error?.code]).toEqual([why, 400, 9, -32020]);
    }
  });

  it('accepts Mcp-Name with surrounding whitespace or in the base64 sentinel form', async () => {
    const call = rpc(10, 'tools/call', { name: 'health_check', arguments: {}, _meta: META });
    const encoded = `=?base64?${Buffer.from('health_check').toString('base64')}?=`;
    for (const name of ['  health_check  ', encoded]) {
      const response = await post(call, { 'mcp-name': name });
      expect([name, response.status, reply(response).result?.isError]).toEqual([name, 200, false]);
    }
  });

  it('answers methods the revision removed, and unknown ones, with 404 and -32601 under the request’s id', async () => {
    for (const method of [
      'initialize',
      'ping',
      'logging/setLevel',
      'resources/subscribe',
      'resources/unsubscribe',
      'x/y',
    ]) {
      const response = await post(rpc(500, method));
      expect([method, response.status, reply(response).id, reply(response).error?.code]).toEqual([
        method,
        404,
        500,
        -32601,
      ]);
    }
  });

  it('acknowledges subscriptions/listen first, then ends it gracefully under the subscription’s id', async () => {
    const params = { _meta: META, notifications: { toolsListChanged: true } };
    const response = await post(rpc(77, 'subscriptions/listen', params));
    expect([response.status, response.headers['content-type']]).toEqual([200, 'text/event-stream']);
    const frames = response.body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
    expect(frames).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 77 }, notifications: {} },
      },
      {
        jsonrpc: '2.0',
        id: 77,
        result: expect.objectContaining({
          resultType: 'complete',
          _meta: expect.objectContaining({ 'io.modelcontextprotocol/subscriptionId': 77 }) as object,
        }) as object,
      },
    ]);
  });

  it('keeps the token, host, origin and content-type checks in front of the modern era', async () => {
    const body = rpc(1, 'tools/list');
    expect((await post(body, {}, 'tdk_nottherealtoken')).status).toBe(401);
    expect((await post(body, { authorization: undefined })).status).toBe(401);
    expect((await post(body, { host: 'evil.example' })).status).toBe(403);
    expect((await post(body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('checks an absolute-form request target like the Host header', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...rpc(1, 'tools/list') });
    const request = (target: string) =>
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.server.port}\r\nContent-Type: application/json\r\n` +
      `Authorization: Bearer ${token}\r\nMCP-Protocol-Version: ${VERSION}\r\nMcp-Method: tools/list\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    expect(await rawExchange(server.server.port, request('http://evil.example/mcp'))).toBe('HTTP/1.1 403 Forbidden');
    expect(await rawExchange(server.server.port, request(`http://127.0.0.1:${server.server.port}/mcp`))).toBe(
      'HTTP/1.1 200 OK',
    );
  });

  it('names the request’s id in every refusal of a body it could read, in the 2025 era too', async () => {
    const legacy = (body: Record<string, unknown>) =>
      post(body, { 'mcp-protocol-version': undefined, 'mcp-method': undefined });
    for (const [body, code] of [
      [{ id: 41, method: 'tools/call', params: 'not an object' }, -32602],
      [{ id: 42, method: 'tools/call', params: { _meta: 5 } }, -32602],
      [{ jsonrpc: '1.0', id: 45, method: 'tools/list' }, -32600],
      [{ id: 43, method: 'tools/call', params: { name: 'add_task', arguments: [] } }, -32602],
      [{ id: 44, method: 'tools/call', params: { name: 7 } }, -32602],
    ] as const) {
      const answer = reply(await legacy(body));
      expect([answer.id, answer.error?.code]).toEqual([body.id, code]);
    }
  });
});
