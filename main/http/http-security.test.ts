import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretOf } from '../testing/token-secret';
import { sqliteTarget } from '../testing/database-targets';
import net from 'node:net';
import { rawExchange, rawRequest, type RawRequest } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const listTools = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('HTTP security', () => {
  let server: TestServer;
  let token: string;
  let port: number;
  const send = (options: Omit<RawRequest, 'port'>) => rawRequest({ port, ...options });
  const authorized = (extra: Record<string, string> = {}) => ({
    ...JSON_HEADERS,
    authorization: `Bearer ${token}`,
    ...extra,
  });

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget, { allowedHosts: ['taskdesk.test', 'task_desk'] });
    token = await server.createToken('Security Test');
    port = server.server.port;
  });
  afterAll(() => server.close());

  describe('host check (DNS rebinding)', () => {
    it('serves loopback names on any port and names added with --allowed-host', async () => {
      for (const host of [
        `127.0.0.1:${port}`,
        'localhost:9999',
        `[::1]:${port}`,
        'LOCALHOST',
        `taskdesk.test:${port}`,
        `task_desk:${port}`,
        `localhost.:${port}`,
      ]) {
        const response = await send({ headers: authorized({ host }), body: listTools });
        expect([host, response.status]).toEqual([host, 200]);
      }
    });

    it('refuses any other host name with 403 before looking at credentials', async () => {
      for (const host of [
        'evil.example',
        `evil.example:${port}`,
        '127.0.0.1.evil.example',
        `localhost.evil:${port}`,
        '[::1]evil.example',
        '[::1].evil.example',
        `[::1]:${port}evil`,
        `[::1]:${port}:1`,
        'localhost:99999',
        'localhost:',
        'localhost:80 x',
        '[::1',
      ]) {
        const response = await send({ headers: { ...JSON_HEADERS, host }, body: listTools });
        expect([host, response.status]).toEqual([host, 403]);
      }
    });
  });

  it('checks the host an absolute-form request target names like a Host header, whatever the Host says', async () => {
    const target = (authority: string) => `http://${authority}/mcp`;
    for (const authority of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      'user@localhost',
    ]) {
      const response = await send({ path: target(authority), headers: authorized(), body: listTools });
      expect([authority, response.status]).toEqual([authority, 403]);
    }
    for (const path of ['mcp', '*', `127.0.0.1:${port}`, `https://127.0.0.1:${port}/mcp`]) {
      const response = await send({ path, headers: authorized(), body: listTools });
      expect([path, response.status]).toEqual([path, 400]);
    }
    // RFC 9112 §3.2.2 allows the absolute form to any server; naming this one, it is served.
    const own = await send({ path: target(`127.0.0.1:${port}`), headers: authorized(), body: listTools });
    expect(own.status).toBe(200);
  });

  it('answers a request carrying two Host headers with 400, even when the first is loopback', async () => {
    const request = (hosts: string[]) =>
      [
        'POST /mcp HTTP/1.1',
        ...hosts.map((host) => `Host: ${host}`),
        'Content-Type: application/json',
        'Accept: application/json',
        `Authorization: Bearer ${token}`,
        `Content-Length: ${Buffer.byteLength(listTools)}`,
        'Connection: close',
        '',
        listTools,
      ].join('\r\n');
    expect(await rawExchange(port, request([`127.0.0.1:${port}`, 'evil.example']))).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawExchange(port, request([`127.0.0.1:${port}`, `127.0.0.1:${port}`]))).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(await rawExchange(port, request([`127.0.0.1:${port}`]))).toBe('HTTP/1.1 200 OK');
  });

  it('keeps an idle keep-alive connection open past common client idle timeouts, and says so', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const answers: string[] = [];
    let closedAfterMs: number | undefined;
    const opened = Date.now();
    socket.on('data', (chunk: Buffer) => answers.push(chunk.toString('latin1')));
    socket.on('close', () => (closedAfterMs = Date.now() - opened));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    // Past Node's 5 s default, where a client reusing the socket raced the server closing it.
    await new Promise((resolve) => setTimeout(resolve, 5_600));
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    expect(closedAfterMs).toBeUndefined();
    expect(answers.join('').match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(answers[0]).toMatch(/\r\nKeep-Alive: timeout=120\r\n/i);
  }, 15_000);

  describe('origin check', () => {
    it('accepts the server’s own origins', async () => {
      for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]) {
        expect((await send({ headers: authorized({ origin }), body: listTools })).status).toBe(200);
      }
    });

    it('refuses every other origin, null included, and grants no CORS', async () => {
      for (const origin of [
        'https://evil.example',
        'null',
        `http://localhost:${port + 1}`,
        `https://localhost:${port}`,
      ]) {
        const response = await send({ headers: authorized({ origin }), body: listTools });
        expect([origin, response.status]).toEqual([origin, 403]);
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      }
      const preflight = await send({ method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('bearer tokens', () => {
    it('answers a request without a token 401 with WWW-Authenticate: Bearer', async () => {
      const response = await send({ headers: JSON_HEADERS, body: listTools });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['www-authenticate']).not.toMatch(/resource_metadata/);
    });

    it('never accepts a token from the query string or a cookie', async () => {
      expect((await send({ path: `/mcp?token=${token}`, headers: JSON_HEADERS, body: listTools })).status).toBe(401);
      expect((await send({ path: `/mcp?access_token=${token}`, headers: JSON_HEADERS, body: listTools })).status).toBe(
        401,
      );
      expect((await send({ headers: { ...JSON_HEADERS, cookie: `token=${token}` }, body: listTools })).status).toBe(
        401,
      );
    });

    it('refuses malformed, guessed and tampered tokens', async () => {
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      for (const bad of [
        'nonsense',
        `Basic ${token}`,
        `Bearer ${tampered}`,
        'Bearer tdk_aaaaaaaaaaaa_' + 'x'.repeat(43),
      ]) {
        const response = await send({ headers: { ...JSON_HEADERS, authorization: bad }, body: listTools });
        expect(response.status).toBe(401);
      }
    });

    it('stores only a hash of the token', async () => {
      const [info] = await server.server.services.tokens.list();
      expect(JSON.stringify(info)).not.toContain(secretOf(token));
    });

    it('requires a token for /metrics, and serves Prometheus text with one', async () => {
      expect((await send({ method: 'GET', path: '/metrics' })).status).toBe(401);
      const metrics = await send({ method: 'GET', path: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(metrics.status).toBe(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      expect(metrics.body).toContain('# TYPE taskdesk_tool_call_duration_seconds histogram');
    });

    it('answers /healthz without a token and without data', async () => {
      const health = await send({ method: 'GET', path: '/healthz' });
      expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok', database: 'reachable' }]);
    });
  });

  describe('requests the endpoint refuses', () => {
    it('answers GET and DELETE on /mcp with 405', async () => {
      for (const method of ['GET', 'DELETE', 'PUT']) {
        const response = await send({ method, headers: authorized() });
        expect([method, response.status, response.headers.allow]).toEqual([method, 405, 'POST']);
      }
    });

    it('answers bodies that are not application/json with 415, cross-site form posts included', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const response = await send({ headers: authorized({ 'content-type': type }), body: listTools });
        expect([type, response.status]).toEqual([type, 415]);
      }
      expect(
        (await send({ headers: authorized({ 'content-type': 'application/json; charset=utf-8' }), body: listTools }))
          .status,
      ).toBe(200);
    });

    it('answers an Accept that excludes JSON with 406', async () => {
      expect((await send({ headers: authorized({ accept: 'text/html' }), body: listTools })).status).toBe(406);
    });

    it('answers a body over 1 MiB with 413, whether declared or streamed', async () => {
      const big = Buffer.alloc(1024 * 1024 + 1, 32);
      expect((await send({ headers: authorized(), body: big })).status).toBe(413);
      // 32 MiB offered in 64 KiB pieces: the answer must come long before the client has sent it all.
      const chunks = Array.from({ length: 512 }, () => Buffer.alloc(64 * 1024, 32));
      const streamed = await send({ headers: authorized({ 'transfer-encoding': 'chunked' }), chunks });
      expect(streamed.status).toBe(413);
      expect(streamed.chunksSent).toBeLessThan(256);
    });

    it('answers malformed JSON with 400 and JSON-RPC -32700', async () => {
      const response = await send({ headers: authorized(), body: '{"jsonrpc": "2.0", "id": 1,' });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    });

    it('refuses JSON-RPC batches', async () => {
      const response = await send({ headers: authorized(), body: `[${listTools},${listTools}]` });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({
        error: { code: -32600, message: expect.stringMatching(/batch/) as string },
      });
    });

    it('answers an unknown method with -32601', async () => {
      const response = await send({
        headers: authorized(),
        body: JSON.stringify({ jsonrpc: '2.0', id: 'x', method: 'tasks/explode' }),
      });
      expect(JSON.parse(response.body)).toMatchObject({ id: 'x', error: { code: -32601 } });
    });

    it('answers requests the SDK would silently drop (stray fields, a malformed _meta) instead of hanging', async () => {
      const strays = [
        { jsonrpc: '2.0', id: 1, method: 'tools/list', extra: true },
        { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: 'not an object' } },
      ];
      for (const message of strays) {
        const response = await send({ headers: authorized(), body: JSON.stringify(message) });
        expect(response.status).toBeLessThan(500);
        expect(JSON.parse(response.body)).toHaveProperty('jsonrpc', '2.0');
      }
    });

    it('answers a notification with 202 and no body', async () => {
      const response = await send({
        headers: authorized(),
        body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      });
      expect([response.status, response.body]).toEqual([202, '']);
    });

    it('accepts protocol versions 2025-06-18 and 2025-11-25 and refuses an unsupported one with 400', async () => {
      for (const version of ['2025-06-18', '2025-11-25']) {
        const initialize = JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
        });
        const response = await send({ headers: authorized({ 'mcp-protocol-version': version }), body: initialize });
        expect(JSON.parse(response.body)).toMatchObject({ result: { protocolVersion: version } });
      }
      expect(
        (await send({ headers: authorized({ 'mcp-protocol-version': '1999-01-01' }), body: listTools })).status,
      ).toBe(400);
    });

    it('answers deeply nested JSON with a 4xx and keeps serving', async () => {
      const depth = 100_000;
      const nested = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add_task","arguments":{"title":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
      const response = await send({ headers: authorized(), body: nested });
      expect(response.status).toBe(400);
      expect((await send({ headers: authorized(), body: listTools })).status).toBe(200);
    });

    it('answers paths that are not routes with a plain 404, OAuth discovery included', async () => {
      for (const path of [
        '/.well-known/oauth-protected-resource',
        '/.well-known/oauth-authorization-server',
        '/register',
        '/mcp/extra',
      ]) {
        const response = await send({ method: 'GET', path });
        expect([path, response.status, response.headers['content-type']]).toEqual([path, 404, 'application/json']);
      }
    });
  });

  describe("one refusal catalogue, in each route's shape", () => {
    it('refuses /mcp in JSON-RPC, /api in the envelope and other paths in plain JSON, with the same words', async () => {
      const mcp = await send({ headers: JSON_HEADERS, body: listTools });
      expect(mcp.status).toBe(401);
      expect(mcp.headers['www-authenticate']).toBe('Bearer realm="TaskDesk"');
      expect(JSON.parse(mcp.body)).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: expect.stringMatching(/^missing or invalid bearer token/) as string },
      });
      const metrics = await send({ method: 'GET', path: '/metrics' });
      expect(metrics.status).toBe(401);
      expect(JSON.parse(metrics.body)).toEqual({ error: JSON.parse(mcp.body).error.message });

      const evil = { host: 'evil.example' };
      const forbidden = [
        await send({ headers: authorized(evil), body: listTools }),
        await send({ method: 'GET', path: '/api/status', headers: evil }),
        await send({ method: 'GET', path: '/healthz', headers: evil }),
      ].map((response) => [response.status, JSON.parse(response.body) as unknown]);
      const message = 'forbidden: this host name is not allowed (see --allowed-host)';
      expect(forbidden).toEqual([
        [403, { jsonrpc: '2.0', id: null, error: { code: -32600, message } }],
        [403, { status: 'error', error: { code: 'forbidden', message } }],
        [403, { error: message }],
      ]);
    });

    it('answers a method a route does not serve with 405 and Allow, /healthz and /metrics included', async () => {
      for (const [method, path, allow] of [
        ['POST', '/healthz', 'GET, HEAD'],
        ['DELETE', '/metrics', 'GET'],
        ['PUT', '/mcp', 'POST'],
      ] as const) {
        const response = await send({ method, path, headers: authorized() });
        expect([path, response.status, response.headers.allow]).toEqual([path, 405, allow]);
      }
    });
  });
});
