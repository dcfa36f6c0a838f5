import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { secretOf } from '../testing/token-secret';
import type { Task } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';

interface ToolAnswer {
  isError: boolean;
  envelope: { status: string; data?: Record<string, unknown>; error?: { code: string; message: string } };
}

/** Calls a tool and checks the envelope is mirrored byte for byte in the text block. */
async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  expect(content[0]?.type).toBe('text');
  expect(content[0]?.text).toBe(JSON.stringify(result.structuredContent));
  return { isError: result.isError === true, envelope: result.structuredContent as ToolAnswer['envelope'] };
}

async function addTask(client: Client, args: Record<string, unknown>): Promise<Task> {
  const answer = await call(client, 'add_task', args);
  expect(answer.envelope.status).toBe('success');
  return (answer.envelope.data as { task: Task }).task;
}

/** The eleven tools through the official SDK client over real HTTP, on one dialect. */
export function describeMcpToolContract(target: DatabaseTarget): void {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await startTestServer(target);
    client = await server.connect(await server.createToken('Contract Client'));
  });
  afterAll(() => server.close());

  it('offers exactly the eleven tools, each titled, annotated and with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'add_task',
        'complete_task',
        'delete_task',
        'get_task',
        'health_check',
        'list_tasks',
        'update_task',
        'claim_task',
        'release_task',
        'add_note',
        'list_projects',
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.title, tool.name).toEqual(expect.any(String));
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations).toMatchObject({
        readOnlyHint: expect.any(Boolean) as boolean,
        destructiveHint: expect.any(Boolean) as boolean,
        idempotentHint: expect.any(Boolean) as boolean,
        openWorldHint: false,
      });
    }
    const add = tools.find((tool) => tool.name === 'add_task');
    expect(add?.inputSchema.required).toEqual(['title']);
    expect(add?.inputSchema.properties?.title).toMatchObject({ type: 'string', maxLength: 200 });
    expect(tools.find((tool) => tool.name === 'list_tasks')?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((tool) => tool.name === 'delete_task')?.annotations?.destructiveHint).toBe(true);
  });

  it('keeps what a model reads of the tool list (names, descriptions, input schemas) within 12 KB', async () => {
    const { tools } = await client.listTools();
    const modelFacing = tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
    expect(Buffer.byteLength(JSON.stringify(modelFacing))).toBeLessThanOrEqual(12 * 1024);
  });

  it('explains the task model in its instructions', () => {
    expect(client.getInstructions()).toMatch(/list_tasks/);
    expect(client.getServerVersion()).toMatchObject({ name: 'taskdesk' });
  });

  it('runs every task tool end to end with the success envelope', async () => {
    const task = await addTask(client, { title: 'Plan the offsite', priority: 'high', tags: ['work'] });
    expect(task).toMatchObject({ title: 'Plan the offsite', priority: 'high', version: 1 });

    const listed = await call(client, 'list_tasks', { tag: 'work' });
    expect(listed.envelope).toEqual({ status: 'success', data: { tasks: [task], next_cursor: null } });

    const got = await call(client, 'get_task', { task_id: task.id });
    expect(got.envelope.data).toMatchObject({ task, open_blockers: [], subtasks: [], notes: [], history_cursor: null });
    expect(got.envelope.data?.history).toEqual([
      expect.objectContaining({ kind: 'created', by: 'Contract Client', by_kind: 'agent', version: 1 }),
    ]);

    const updated = await call(client, 'update_task', {
      task_id: task.id,
      title: 'Plan the summit',
      expected_version: 1,
    });
    expect(updated.envelope.data?.task).toMatchObject({ title: 'Plan the summit', version: 2 });

    const completed = await call(client, 'complete_task', { task_id: task.id });
    expect(completed.envelope.data?.task).toMatchObject({ completed: true, version: 3 });

    const deleted = await call(client, 'delete_task', { task_id: task.id });
    expect(deleted.envelope.data?.task).toMatchObject({ id: task.id, deleted_at: expect.any(String) as string });
    expect((await call(client, 'get_task', { task_id: task.id })).envelope.error?.code).toBe('not_found');
  });

  it('answers argument problems as tool errors a model can act on, not protocol errors', async () => {
    const tooLong = await call(client, 'add_task', { title: 'x'.repeat(245) });
    expect(tooLong).toEqual({
      isError: true,
      envelope: {
        status: 'error',
        error: { code: 'validation_error', message: 'title must be 1-200 characters; got 245' },
      },
    });
    const wrongType = await call(client, 'list_tasks', { limit: 'ten' });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.envelope.error?.message).toBe('limit must be an integer from 1 to 100; got "ten"');
    const missing = await call(client, 'get_task', { task_id: '00000000-0000-7000-8000-000000000000' });
    expect(missing.envelope.error?.code).toBe('not_found');
  });

  it('answers a stale expected_version with conflict', async () => {
    const task = await addTask(client, { title: 'contended' });
    await call(client, 'update_task', { task_id: task.id, title: 'first writer' });
    const stale = await call(client, 'update_task', { task_id: task.id, title: 'second writer', expected_version: 1 });
    expect(stale.isError).toBe(true);
    expect(stale.envelope.error?.code).toBe('conflict');
  });

  it('treats an unknown tool as a protocol error', async () => {
    const attempt = client.callTool({ name: 'drop_all_tasks', arguments: {} });
    await expect(attempt).rejects.toBeInstanceOf(McpError);
    await expect(attempt).rejects.toMatchObject({ code: -32602 });
  });

  it('reports health: version, database kind and reachability, uptime', async () => {
    const health = await call(client, 'health_check');
    expect(health.envelope).toEqual({
      status: 'success',
      data: {
        version: expect.any(String) as string,
        database: { kind: target.kind, reachable: true },
        uptime_seconds: expect.any(Number) as number,
      },
    });
  });

  it('keeps two users’ tasks apart, by token', async () => {
    const alice = await server.connect(await server.createToken('Alice Agent', 'alice'));
    const bob = await server.connect(await server.createToken('Bob Agent', 'bob'));
    const secret = await addTask(alice, { title: 'alice only' });
    expect((await call(bob, 'get_task', { task_id: secret.id })).envelope.error?.code).toBe('not_found');
    expect((await call(bob, 'list_tasks', { status: 'all' })).envelope.data?.tasks).toEqual([]);
    expect((await call(bob, 'delete_task', { task_id: secret.id })).envelope.error?.code).toBe('not_found');
    expect((await call(alice, 'get_task', { task_id: secret.id })).envelope.data?.task).toEqual(secret);
  });

  it('refuses a revoked token from the very next request', async () => {
    const created = await server.server.services.tokens.create({ label: 'Soon Revoked' });
    if (!created.ok) throw new Error(created.error.message);
    const doomed = await server.connect(created.value.token);
    await call(doomed, 'list_tasks');
    await server.server.services.tokens.revoke(created.value.id);
    await expect(doomed.callTool({ name: 'list_tasks', arguments: {} })).rejects.toMatchObject({ code: 401 });
  });

  it('logs every call with client, user, tool, outcome, error code, duration and task, never the token', async () => {
    const token = await server.createToken('Logged Client', 'logged-user');
    const logged = await server.connect(token);
    const task = await addTask(logged, { title: 'x'.repeat(150), description: 'y'.repeat(900) });
    await call(logged, 'get_task', { task_id: 'not-a-uuid' });
    const entries = await server.server.services.toolLog.recent('logged-user', 10);
    expect(entries.map((entry) => [entry.tool, entry.outcome, entry.error_code])).toEqual([
      ['get_task', 'error', 'validation_error'],
      ['add_task', 'success', null],
    ]);
    // Time-ordered ids keep the log's primary-key index growing at one end.
    expect(entries.every((entry) => z.uuidv7().safeParse(entry.id).success)).toBe(true);
    expect((entries[0]?.id ?? '') > (entries[1]?.id ?? '')).toBe(true);
    const added = entries[1];
    expect(added).toMatchObject({ client_label: 'Logged Client', user: 'logged-user', task_id: task.id });
    expect(added?.duration_ms).toBeGreaterThan(0);
    expect((added?.arguments as { description: string }).description).toMatch(/^y{500}… \(400 more characters\)$/);
    expect(JSON.stringify(entries)).not.toContain(secretOf(token));
    const [listed] = (await server.server.services.tokens.list()).filter((info) => info.label === 'Logged Client');
    expect(listed).toMatchObject({ call_count: 2, last_used_at: expect.any(String) as string });
  });

  it('logs arguments no database could store as visible stand-ins, cut at whole characters', async () => {
    const token = await server.createToken('Messy Client', 'messy-user');
    const messy = await server.connect(token);
    await call(messy, 'add_task', { title: 'nul\u0000inside', description: `${'x'.repeat(499)}😀tail` });
    await call(messy, 'add_task', { title: 'half \ud83d pair' });
    const entries = await server.server.services.toolLog.recent('messy-user', 10);
    expect(entries.map((entry) => (entry.arguments as { title: string }).title)).toEqual([
      'half \uFFFD pair',
      'nul\uFFFDinside',
    ]);
    expect((entries[1]?.arguments as { description: string }).description).toBe(
      `${'x'.repeat(499)}… (5 more characters)`,
    );
  });

  it('streams each call to live subscribers as it happens', async () => {
    const seen: string[] = [];
    const stop = server.server.services.toolLog.subscribe((entry) => seen.push(`${entry.client_label}:${entry.tool}`));
    await call(client, 'list_tasks');
    stop();
    expect(seen).toEqual(['Contract Client:list_tasks']);
  });

  it('gives each of two clients its own answer when both send the same JSON-RPC id at once', async () => {
    const tokens = await Promise.all(['Racer A', 'Racer B'].map((label, i) => server.createToken(label, `racer-${i}`)));
    const send = (token: string, title: string) =>
      fetch(server.server.mcpUrl, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: { name: 'add_task', arguments: { title } },
        }),
      }).then(
        (response) =>
          response.json() as Promise<{ id: number; result: { structuredContent: { data: { task: Task } } } }>,
      );
    for (let round = 0; round < 25; round++) {
      const [a, b] = await Promise.all([send(tokens[0] ?? '', `A${round}`), send(tokens[1] ?? '', `B${round}`)]);
      expect([a.id, a.result.structuredContent.data.task.title]).toEqual([7, `A${round}`]);
      expect([b.id, b.result.structuredContent.data.task.title]).toEqual([7, `B${round}`]);
    }
  });
}

export function describeToolLogRetention(target: DatabaseTarget): void {
  it('keeps only the newest calls per user, as configured', async () => {
    const server = await startTestServer(target, { toolLogRetention: 5 });
    try {
      const client = await server.connect(await server.createToken('Chatty'));
      for (let i = 0; i < 12; i++) await call(client, 'add_task', { title: `call ${i}` });
      const kept = await server.server.services.toolLog.recent('local', 100);
      expect(kept.map((entry) => (entry.arguments as { title: string }).title)).toEqual([
        'call 11',
        'call 10',
        'call 9',
        'call 8',
        'call 7',
      ]);
    } finally {
      await server.close();
    }
  });
}
