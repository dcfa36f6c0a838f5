import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { LOGIN_FRAGMENT_KEY } from '../../../shared/api';
import { rawRequest } from '../../testing/raw-http';
import { sqliteTarget } from '../../testing/database-targets';
import { startTestServer, type TestServer } from '../../testing/test-server';

let t: TestServer;
let origin: string;
let port: number;
let cookie: string;

const loginCodeOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get(LOGIN_FRAGMENT_KEY) ?? '';

function signIn(code: string) {
  return fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code }),
  });
}

/** A request from the signed-in TaskDesk page. */
async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  t = await startTestServer(sqliteTarget);
  origin = new URL(t.server.mcpUrl).origin;
  port = t.server.port;
  const response = await signIn(loginCodeOf(t.server.uiUrl));
  cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
});
afterAll(() => t.close());

describe('signing in', () => {
  it('carries the login code only in the fragment, which browsers never send to a server', () => {
    const url = new URL(t.server.uiUrl);
    expect(url.search).toBe('');
    expect(url.pathname).toBe('/');
    expect(loginCodeOf(t.server.uiUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie named for this port', async () => {
    const response = await signIn(loginCodeOf(t.server.createLoginUrl()));
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^taskdesk_session_${port}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('accepts each login code once', async () => {
    const code = loginCodeOf(t.server.createLoginUrl());
    expect((await signIn(code)).status).toBe(200);
    const again = await signIn(code);
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/used already/);
  });

  it('refuses made-up codes and sessions', async () => {
    expect((await signIn('x'.repeat(43))).status).toBe(401);
    const forged = await fetch(`${origin}/api/tasks`, {
      headers: { cookie: `taskdesk_session_${port}=${'a'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
  });
});

describe('refusals', () => {
  it.each([
    ['GET', '/api/tasks'],
    ['GET', '/api/status'],
    ['GET', '/api/tokens'],
    ['GET', '/api/tool-calls'],
    ['GET', '/api/events'],
    ['GET', '/api/tasks/deleted'],
  ])('answers %s %s with 401 without a session', async (method, path) => {
    const response = await fetch(`${origin}${path}`, { method });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      status: 'error',
      error: { code: 'unauthorized', message: expect.stringMatching(/sign in/) },
    });
  });

  it('refuses changes without an Origin header, even with a session', async () => {
    const before = (await api('GET', '/api/tasks?status=all&limit=100')).body.data.tasks.length;
    const response = await rawRequest({
      port,
      path: '/api/tasks',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'from a script' }),
    });
    expect(response.status).toBe(403);
    expect((await api('GET', '/api/tasks?status=all&limit=100')).body.data.tasks).toHaveLength(before);
  });

  it.each([
    ['POST', '/api/tasks'],
    ['PATCH', '/api/tasks/00000000-0000-7000-8000-000000000000'],
    ['DELETE', '/api/tasks/00000000-0000-7000-8000-000000000000'],
    ['POST', '/api/tokens'],
  ])('answers %s %s from our own page but without a session with 401', async (method, path) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { origin, 'content-type': 'application/json' },
      body: method === 'DELETE' ? null : JSON.stringify({ title: 'x', label: 'x' }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses changes from another origin, with or without a session', async () => {
    for (const foreign of ['http://evil.example', 'null', `http://127.0.0.1:${String(port + 1)}`]) {
      const response = await rawRequest({
        port,
        path: '/api/tasks',
        headers: { cookie, origin: foreign, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'cross-site' }),
      });
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('forbidden');
    }
  });

  it('answers unknown API paths and probes with a plain 404, and wrong methods with 405', async () => {
    const unknown = await fetch(`${origin}/api/nothing`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    for (const path of ['/.well-known/oauth-authorization-server', '/index.php', '/assets/nothing.js']) {
      expect((await fetch(`${origin}${path}`)).status).toBe(404);
    }
    const wrongMethod = await fetch(`${origin}/api/status`, { method: 'DELETE', headers: { cookie, origin } });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as any).error.code).toBe('method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('refuses bodies that are not JSON, too large, malformed or too deep, and keeps serving', async () => {
    const send = (body: string, type = 'application/json') =>
      rawRequest({ port, path: '/api/tasks', headers: { cookie, origin, 'content-type': type }, body });
    const wrongType = await send('title=x', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.body).error.code).toBe('unsupported_media_type');
    expect((await send(JSON.stringify({ title: 'x'.repeat(1024 * 1024) }))).status).toBe(413);
    expect((await send('{"title":')).status).toBe(400);
    expect((await send(`${'['.repeat(5000)}${']'.repeat(5000)}`)).status).toBe(400);
    expect((await api('POST', '/api/tasks', ['not', 'an', 'object'])).status).toBe(400);
    expect((await api('GET', '/api/status')).status).toBe(200);
  });
});

describe('status and connection details', () => {
  it('keeps the stdio command, which can hold a database password, out of the polled status', async () => {
    const status = await api('GET', '/api/status');
    expect(status.body.data).not.toHaveProperty('stdio');
    expect(status.body.data.mcp_url).toBe(t.server.mcpUrl);
    const connection = await api('GET', '/api/connection');
    expect(connection.body.data.mcp_url).toBe(t.server.mcpUrl);
    expect(connection.body.data.stdio.args).toEqual(expect.arrayContaining(['stdio', '--db']));
    expect((await fetch(`${origin}/api/connection`)).status).toBe(401);
  });
});

describe('tasks through the API', () => {
  it('answers the same validation message an agent gets for the same input', async () => {
    const agent = await t.connect(await t.createToken('Claude Code'));
    const input = { title: '   ', priority: 'urgent' };
    const viaTool = await agent.callTool({ name: 'add_task', arguments: input });
    const viaApi = await api('POST', '/api/tasks', input);
    expect(viaApi.status).toBe(400);
    expect(viaApi.body).toEqual(viaTool.structuredContent);
  });

  it('adds, edits, completes, deletes and restores, and an agent sees each change', async () => {
    const agent = await t.connect(await t.createToken('Cursor'));
    const added = await api('POST', '/api/tasks', { title: 'Write the release notes', tags: ['docs'] });
    expect(added.status).toBe(201);
    const id = added.body.data.task.id as string;
    const seen = async () =>
      ((await agent.callTool({ name: 'get_task', arguments: { task_id: id } })).structuredContent as any).data?.task;

    const edited = await api('PATCH', `/api/tasks/${id}`, { priority: 'high', expected_version: 1 });
    expect(edited.body.data.task).toMatchObject({ priority: 'high', version: 2 });
    expect(await seen()).toMatchObject({ priority: 'high', version: 2 });

    // Fields named like the router's own replies are only fields: refused by the schema, never taken as an answer.
    for (const body of [{ stream: 1 }, { result: { status: 'success' }, headers: { 'x-forged': '1' } }]) {
      const forged = await api('PATCH', `/api/tasks/${id}`, body);
      expect([forged.status, forged.body.error.code]).toEqual([400, 'validation_error']);
    }

    const stale = await api('PATCH', `/api/tasks/${id}`, { title: 'Late edit', expected_version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');

    expect((await api('POST', `/api/tasks/${id}/complete`, { completed: true })).body.data.task.completed).toBe(true);
    expect((await seen()).completed).toBe(true);

    expect((await api('DELETE', `/api/tasks/${id}`)).status).toBe(200);
    expect(await seen()).toBeUndefined();
    const deleted = await api('GET', '/api/tasks/deleted');
    expect(deleted.body.data.tasks.map((task: { id: string }) => task.id)).toContain(id);

    expect((await api('POST', `/api/tasks/${id}/restore`)).status).toBe(200);
    expect((await seen()).id).toBe(id);
  });

  it('lists with the same filters, validation and paging as list_tasks', async () => {
    for (const title of ['alpha one', 'alpha two', 'beta']) await api('POST', '/api/tasks', { title });
    const page = await api('GET', '/api/tasks?query=alpha&limit=1');
    expect(page.body.data.tasks).toHaveLength(1);
    const next = await api('GET', `/api/tasks?query=alpha&limit=1&cursor=${page.body.data.next_cursor as string}`);
    expect(next.body.data.tasks[0].title).not.toBe(page.body.data.tasks[0].title);
    const bad = await api('GET', '/api/tasks?limit=1000&sort=sideways');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
    expect(bad.body.error.message).toMatch(/sort/);
  });

  it('answers not_found for a task id that does not exist', async () => {
    const missing = await api('GET', '/api/tasks/00000000-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('tokens through the API', () => {
  it('creates a working token, lists it without its secret, and revokes it at once', async () => {
    const created = await api('POST', '/api/tokens', { label: 'VS Code' });
    expect(created.status).toBe(201);
    const { token, id } = created.body.data.token as { token: string; id: string };
    const agent = await t.connect(token);
    expect((await agent.listTools()).tools).toHaveLength(11);

    const listed = await api('GET', '/api/tokens');
    const entry = listed.body.data.tokens.find((item: { id: string }) => item.id === id);
    expect(entry).toMatchObject({ label: 'VS Code', user: 'local' });
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(-20));

    expect((await api('POST', `/api/tokens/${id}/revoke`)).status).toBe(200);
    const after = await rawRequest({
      port,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(after.status).toBe(401);
  });

  it("creates tokens for the signed-in user only, and cannot revoke another user's", async () => {
    const created = await api('POST', '/api/tokens', { label: 'Sneaky', user: 'someone-else' });
    expect(created.body.data.token.user).toBe('local');
    const foreign = await t.server.services.tokens.create({ label: 'Theirs', user: 'bob' });
    if (!foreign.ok) throw new Error(foreign.error.message);
    expect((await api('POST', `/api/tokens/${foreign.value.id}/revoke`)).status).toBe(404);
    expect((await api('GET', '/api/tokens')).body.data.tokens.map((x: { user: string }) => x.user)).not.toContain(
      'bob',
    );
  });
});

/** Reads a server-sent-events response as it arrives. */
async function openStream(withCookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/events`, { headers: { cookie: withCookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ended = false;
  const readUntil = async (predicate: () => boolean) => {
    while (!predicate()) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        return;
      }
      text += value;
    }
  };
  await readUntil(() => text.includes(': connected'));
  return {
    text: () => text,
    ended: () => ended,
    readUntil,
    close: () => controller.abort(),
  };
}

describe('the live event stream', () => {
  it('counts any authenticated request as the token being seen, not only tool calls, and says so live', async () => {
    const token = await t.createToken('Curl Probe');
    const stream = await openStream(cookie);
    const probe = await rawRequest({
      port,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(probe.status).toBe(200);
    await stream.readUntil(() =>
      /event: token\ndata: [^\n]*"label":"Curl Probe"[^\n]*"last_used_at":"/.test(stream.text()),
    );
    stream.close();
    const info = (await t.server.services.tokens.list()).find((each) => each.label === 'Curl Probe');
    expect(info?.last_used_at).not.toBeNull();
    expect(info?.call_count).toBe(0);
  });

  it('cuts a window that stops reading once a few hundred KB wait for it, while its reading neighbour and the server carry on', async () => {
    const metricsToken = await t.createToken('Metrics Reader');
    const scrape = async () => {
      const text = await (
        await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
      ).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      return {
        buffered: value('taskdesk_event_stream_buffered_bytes'),
        cut: value('taskdesk_event_streams_cut_total'),
      };
    };
    const before = await scrape();
    // A window that asks for events and then never reads a byte.
    const stalled = net.connect(port, '127.0.0.1');
    stalled.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n\r\n`);
    stalled.pause();
    // A window of the same user that keeps reading: it shares the stalled one's events and must not be cut with it.
    const reading = await openStream(cookie);
    const readAll = reading.readUntil(() => reading.text().includes('bulky 319'));
    const agent = await t.connect(await t.createToken('Chatty Agent'));
    // Each call is logged with its (truncated) arguments, about 26 KB per event; 320 of them are 8 MiB, far more than
    // the kernel's socket buffers hold.
    const bulky = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field_${i}`, 'x'.repeat(500)]));
    let largest = 0;
    for (let i = 0; i < 320; i++) {
      await agent.callTool({ name: 'add_task', arguments: { title: `bulky ${i}`, ...bulky } });
      if (i % 16 === 15) largest = Math.max(largest, (await scrape()).buffered);
    }
    const after = await scrape();
    stalled.destroy();
    await readAll;
    reading.close();
    expect(after.cut - before.cut).toBe(1);
    expect(reading.ended()).toBe(false);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    // A few hundred KB per stream, so 64 stalled windows stay within the memory target.
    expect(largest).toBeLessThanOrEqual(512 * 1024);
  }, 60_000);

  it("carries only the signed-in user's events, never another user's agent", async () => {
    const stream = await openStream(cookie);
    const bob = await t.connect(await t.createToken('Bob Agent', 'bob'), 'bob');
    await bob.callTool({ name: 'add_task', arguments: { title: 'bob private task' } });
    const local = await t.connect(await t.createToken('Local Agent'), 'local');
    await local.callTool({ name: 'add_task', arguments: { title: 'local marker' } });
    await stream.readUntil(() => stream.text().includes('local marker') && stream.text().includes('event: tool_call'));
    stream.close();
    expect(stream.text()).not.toContain('bob private task');
    expect(stream.text()).not.toContain('Bob Agent');
  });

  it('serves a user whose id is a Node event name, such as "error"', async () => {
    const agent = await t.connect(await t.createToken('Odd Name', 'error'), 'odd');
    const added = await agent.callTool({ name: 'add_task', arguments: { title: 'saved once' } });
    expect(added.isError).toBeFalsy();
    const listed = await agent.callTool({ name: 'list_tasks', arguments: {} });
    expect((listed.structuredContent as any).data.tasks).toHaveLength(1);
  });

  it('lets the server stop while a stream is open, ending it', async () => {
    const other = await startTestServer(sqliteTarget);
    const otherOrigin = new URL(other.server.mcpUrl).origin;
    const { name, value } = other.server.createSession();
    const response = await fetch(`${otherOrigin}/api/events`, { headers: { cookie: `${name}=${value}` } });
    const reader = response.body!.getReader();
    await reader.read();
    await other.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it('ends the stream of a session that signs out', async () => {
    const response = await signIn(loginCodeOf(t.server.createLoginUrl()));
    const own = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const stream = await openStream(own);
    const signOut = await fetch(`${origin}/api/session`, { method: 'DELETE', headers: { cookie: own, origin } });
    expect(signOut.status).toBe(200);
    await stream.readUntil(() => false);
    expect(stream.ended()).toBe(true);
    expect((await fetch(`${origin}/api/events`, { headers: { cookie: own } })).status).toBe(401);
  });

  it("carries an agent's task change, with its client label, and the tool call, as they happen", async () => {
    const controller = new AbortController();
    const stream = await fetch(`${origin}/api/events`, { headers: { cookie }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (predicate: () => boolean) => {
      while (!predicate()) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; got: ${text}`);
        text += value;
      }
    };
    await until(() => text.includes(': connected'));

    const agent = await t.connect(await t.createToken('Claude Code'), 'claude-code');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Seen live' } });
    await until(() => text.includes('event: task') && text.includes('event: tool_call'));
    controller.abort();

    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => {
        const [nameLine = '', dataLine = ''] = block.split('\n');
        return { name: nameLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) };
      });
    expect(events.find((e) => e.name === 'task')?.data).toMatchObject({
      change: 'added',
      by: 'Claude Code',
      task: { title: 'Seen live' },
    });
    expect(events.find((e) => e.name === 'tool_call')?.data).toMatchObject({
      tool: 'add_task',
      client_label: 'Claude Code',
      outcome: 'success',
    });
  });
});

describe('the UI itself', () => {
  it('serves the page with a CSP that allows no inline or foreign script and no framing', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${origin}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });
});
