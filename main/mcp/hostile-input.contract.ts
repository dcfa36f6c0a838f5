import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { rawRequest } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';

interface Envelope {
  status: string;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/**
 * What a hostile or careless client gets back: answers bounded in size
 * however large the request, protocol errors in protocol terms, forged
 * values refused as such, and a log that stores whatever it was sent.
 */
export function describeHostileInput(target: DatabaseTarget): void {
  let server: TestServer;
  let client: Client;
  let token: string;

  const rawCall = async (message: unknown) => {
    const response = await rawRequest({
      port: server.server.port,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message),
    });
    return {
      status: response.status,
      size: Buffer.byteLength(response.body),
      json: JSON.parse(response.body) as never,
    };
  };
  const callTool = async (name: string, args: unknown) => {
    const answer = await rawCall({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
    return {
      ...answer,
      envelope: (answer.json as { result: { structuredContent: Envelope } }).result.structuredContent,
    };
  };
  const tool = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })).structuredContent as Envelope;

  beforeAll(async () => {
    server = await startTestServer(target);
    token = await server.createToken('Hostile Client');
    client = await server.connect(token);
  });
  afterAll(() => server.close());

  it('answers half a million wrong tags in one bounded message', async () => {
    const answer = await callTool('add_task', { title: 'flood', tags: Array<number>(520_000).fill(1) });
    expect(answer.status).toBe(200);
    expect(answer.envelope.error).toEqual({
      code: 'validation_error',
      message: 'tags may hold at most 10 tags; got 520000',
    });
    expect(answer.size).toBeLessThan(2048);
  });

  it('bounds every message however many problems or unknown fields a request holds', async () => {
    const keys = Object.fromEntries(Array.from({ length: 15_000 }, (_, i) => [`field_${i}_${'x'.repeat(40)}`, i]));
    const unknown = await callTool('add_task', { title: 'keys', ...keys });
    expect(unknown.envelope.error?.code).toBe('validation_error');
    expect(unknown.envelope.error?.message).toMatch(/^unknown fields 'field_0_x+…', .* and 14995 more; allowed fields/);
    expect(unknown.size).toBeLessThan(4096);

    const everything = await callTool('add_task', {
      title: 't'.repeat(100_000),
      description: 7,
      priority: 'x'.repeat(50_000),
      due_date: 'soon',
      tags: Array<string>(10).fill('y'.repeat(50_000)),
      idempotency_key: [],
    });
    const message = everything.envelope.error?.message ?? '';
    expect(message).toMatch(
      /^title must be 1-200 characters; got 100000; description must be a string; got 7; .*; and more problems$/,
    );
    expect(message.match(/; got /g)).toHaveLength(5);
    expect(everything.size).toBeLessThan(4096);
    expect((await tool('list_tasks', { status: 'all' })).data?.tasks).toEqual([]);
  });

  it('answers malformed tools/call params with -32602 in one line naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'add_task', arguments: null }, /params\.arguments must be an object.*got null/],
      [{ name: 'add_task', arguments: 'x' }, /params\.arguments must be an object.*got "x"/],
      [{ name: 'add_task', arguments: [1] }, /params\.arguments must be an object.*got an array of 1/],
      [{ name: 5, arguments: {} }, /params\.name must be the tool's name.*got 5/],
      [{ nmae: 'add_task', arguments: {} }, /params\.name must be the tool's name.*got nothing/],
      [undefined, /params is missing/],
    ];
    for (const [params, expected] of cases) {
      const answer = await rawCall({ jsonrpc: '2.0', id: 'm', method: 'tools/call', params });
      const error = (answer.json as { id: unknown; error: { code: number; message: string } }).error;
      expect([params, answer.status, (answer.json as { id: unknown }).id, error.code]).toEqual([
        params,
        200,
        'm',
        -32602,
      ]);
      expect(error.message).toMatch(expected);
      expect(error.message).not.toContain('\n');
    }
    expect((await tool('list_tasks', { status: 'all' })).data?.tasks).toEqual([]);
  });

  it('answers params the SDK refuses, for any method, with -32602 in one bounded line, never a schema dump', async () => {
    const icons = Array<number>(100_000).fill(1);
    const cases: [unknown, RegExp][] = [
      [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }, /^Invalid params: .*protocolVersion/],
      [{ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 5 } }, /^Invalid params: params\.cursor: /],
      [
        {
          jsonrpc: '2.0',
          id: 3,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1', icons } },
        },
        /^Invalid params: .*; and 9999\d more$/,
      ],
    ];
    for (const [request, expected] of cases) {
      const answer = await rawCall(request);
      const error = (answer.json as { error: { code: number; message: string } }).error;
      expect([error.code, expected.test(error.message)]).toEqual([-32602, true]);
      expect(error.message).not.toContain('\n');
      expect(answer.size).toBeLessThan(2048);
    }
  });

  it('answers a request whose progress token is neither string nor number instead of leaving it hanging', async () => {
    const answer = await rawCall({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'health_check', arguments: {}, _meta: { progressToken: {} } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      id: 4,
      error: { code: -32602, message: expect.stringMatching(/progressToken/) as string },
    });
  });

  it('refuses a forged cursor whose values are not ones the server writes, NUL included', async () => {
    for (const title of ['one', 'two', 'three']) await tool('add_task', { title: `cursor ${title}` });
    const first = await tool('list_tasks', { limit: 1 });
    const cursor = first.data?.next_cursor as string;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forge = (changes: Record<string, unknown>) =>
      Buffer.from(JSON.stringify({ ...decoded, ...changes })).toString('base64url');
    for (const forged of [
      forge({ createdAt: 'a\u0000b' }),
      forge({ id: 'a\u0000b' }),
      forge({ id: `${decoded.id as string}\u0000` }),
      forge({ createdAt: 12 }),
      forge({ extra: true }),
    ]) {
      const answer = await tool('list_tasks', { limit: 1, cursor: forged });
      expect(answer.error).toEqual({
        code: 'validation_error',
        message: 'cursor is not one this server issued; call list_tasks again without cursor',
      });
    }
    const second = await tool('list_tasks', { limit: 1, cursor });
    expect(second.status).toBe('success');
  });

  it('logs calls whose arguments hold NUL, lone surrogates or invalid UTF-8, replacing what cannot be stored', async () => {
    await server.server.services.toolLog.flush();
    const before = (await server.server.services.toolLog.recent('local', 1000)).length;
    await tool('add_task', { title: 'nul in the log', ['key\u0000']: 'value\u0000\ud800' });
    const invalidUtf8 = Buffer.concat([
      Buffer.from(
        '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add_task","arguments":{"title":"bytes ',
      ),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}}}'),
    ]);
    await rawCall(invalidUtf8);
    const calls = await server.server.services.toolLog.recent('local', 1000);
    expect(calls.length).toBe(before + 2);
    const [bytes, nul] = calls;
    expect(nul?.arguments).toEqual({ title: 'nul in the log', ['key\uFFFD']: 'value\uFFFD\uFFFD' });
    expect(nul?.result).toMatchObject({ status: 'error', error: { code: 'validation_error' } });
    expect(bytes?.arguments).toEqual({ title: 'bytes \uFFFD\uFFFD\uFFFD' });
  });

  it('counts tag lengths after normalisation, so every stored tag is accepted back', async () => {
    // U+0958 has no composed form: NFC turns each into two code points.
    const tooLong = await tool('add_task', { title: 'nfc', tags: ['\u0958'.repeat(20)] });
    expect(tooLong.error).toEqual({
      code: 'validation_error',
      message: 'each tag must be 1-32 characters in Unicode NFC form; got 40',
    });

    const decomposedAccents = 'e\u0301'.repeat(32); // 64 code points as sent, 32 once composed
    const added = await tool('add_task', {
      title: 'nfc',
      tags: ['\u0958'.repeat(16), decomposedAccents, '\u03aa\u03aa\u0301'],
    });
    expect(added.status).toBe('success');
    const task = (added.data as { task: Task }).task;
    expect(task.tags).toEqual(['\u0915\u093c'.repeat(16), '\u00e9'.repeat(32), '\u03ca\u0390']);

    const again = await tool('update_task', { task_id: task.id, tags: task.tags, expected_version: task.version });
    expect(again.status).toBe('success');
    for (const stored of task.tags) {
      const listed = await tool('list_tasks', { tag: stored });
      expect([stored, (listed.data?.tasks as Task[] | undefined)?.map((found) => found.id)]).toEqual([
        stored,
        [task.id],
      ]);
    }
  });
}
