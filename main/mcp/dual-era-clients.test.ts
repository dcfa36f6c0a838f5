import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { withTestApp } from '../testing/test-config';
import { sqliteTarget } from '../testing/database-targets';
import { BIN } from '../testing/run-cli';
import { startTestServer, type TestServer } from '../testing/test-server';
import { connectV2Client, V2_MODES, v2ClientOptions, type V2Client, type V2Mode } from './testing/connect-v2-client';

type Envelope = { status: string; data?: Record<string, unknown>; error?: { code: string } };

/** Calls a tool and checks its envelope is mirrored byte for byte in the one text block, as the 2025 era answers. */
async function call(client: V2Client, name: string, args: Record<string, unknown> = {}): Promise<Envelope> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  expect(content[0]?.text).toBe(JSON.stringify(result.structuredContent));
  expect(result.isError).toBe((result.structuredContent as Envelope).status === 'error');
  return result.structuredContent as Envelope;
}

/** Every task tool once, checking each envelope; the same script for every era and transport. */
async function runEveryTool(client: V2Client, title: string): Promise<void> {
  const added = await call(client, 'add_task', { title, tags: ['era'] });
  const task = (added.data as { task: Task }).task;
  expect(added).toEqual({ status: 'success', data: { task: expect.objectContaining({ title, version: 1 }) } });
  expect(await call(client, 'list_tasks', { query: title })).toEqual({
    status: 'success',
    data: { tasks: [task], next_cursor: null },
  });
  expect(await call(client, 'get_task', { task_id: task.id })).toMatchObject({ status: 'success', data: { task } });
  const updated = await call(client, 'update_task', { task_id: task.id, priority: 'high', expected_version: 1 });
  expect(updated.data).toMatchObject({ task: { priority: 'high', version: 2 } });
  for (const [name, args] of [
    ['add_note', { task_id: task.id, text: 'picked up' }],
    ['claim_task', { task_id: task.id }],
    ['release_task', { task_id: task.id, note: 'handing over' }],
    ['list_projects', {}],
  ] as const) {
    expect([name, (await call(client, name, args)).status]).toEqual([name, 'success']);
  }
  const completed = await call(client, 'complete_task', { task_id: task.id });
  expect(completed.data).toMatchObject({ task: { completed: true } });
  const deleted = await call(client, 'delete_task', { task_id: task.id });
  expect(deleted.data).toMatchObject({ task: { id: task.id, deleted_at: expect.any(String) as string } });
  expect((await call(client, 'get_task', { task_id: task.id })).error?.code).toBe('not_found');
  expect((await call(client, 'health_check')).data).toMatchObject({ database: { reachable: true } });
}

const EXPECTED_ERA: Record<V2Mode, string> = { legacy: 'legacy', auto: 'modern', pinned: 'modern' };

describe('the official v2 client over HTTP', () => {
  let server: TestServer;
  let token: string;
  let legacyTools: unknown;

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget);
    token = await server.createToken('Dual Era');
    const v1 = await server.connect(token);
    legacyTools = (await v1.listTools()).tools;
  });
  afterAll(() => server.close());

  for (const mode of V2_MODES) {
    it(`in ${mode} mode opens the ${EXPECTED_ERA[mode]} era, lists the same tools and runs every tool`, async () => {
      const client = await connectV2Client(server.server.mcpUrl, token, mode);
      try {
        expect(client.getProtocolEra()).toBe(EXPECTED_ERA[mode]);
        if (mode !== 'legacy') expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
        expect(client.getServerVersion()).toMatchObject({ name: 'taskdesk' });
        expect(client.getInstructions()).toMatch(/list_tasks/);
        expect((await client.listTools()).tools).toEqual(legacyTools);
        await runEveryTool(client, `over HTTP in ${mode} mode`);
      } finally {
        await client.close();
      }
    });
  }
});

describe('the official v2 client over stdio', () => {
  for (const mode of V2_MODES) {
    it(`in ${mode} mode opens the ${EXPECTED_ERA[mode]} era and runs every tool as the process's user`, async () => {
      const { location, cleanup } = await sqliteTarget.createLocation();
      const db = location.kind === 'sqlite' ? location.path : location.url;
      try {
        const client = new Client({ name: `Stdio ${mode}`, version: '2.0.0' }, v2ClientOptions(mode));
        await client.connect(
          new StdioClientTransport({
            command: process.execPath,
            args: [BIN, 'stdio', '--db', db, '--user', 'pipe-user'],
            env: { PATH: process.env.PATH ?? '', TASKDESK_LOG_LEVEL: 'warn' },
            stderr: 'pipe',
          }),
        );
        expect(client.getProtocolEra()).toBe(EXPECTED_ERA[mode]);
        expect(client.getServerVersion()).toMatchObject({ name: 'taskdesk' });
        expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('add_task');
        await runEveryTool(client, `over stdio in ${mode} mode`);
        await client.close();

        await withTestApp(location, async ({ services }) => {
          const calls = await services.toolLog.recent('pipe-user', 20);
          expect(new Set(calls.map((row) => row.client_label))).toEqual(new Set([`Stdio ${mode}`]));
          expect(calls).toHaveLength(12);
        });
      } finally {
        await cleanup();
      }
    });
  }
});
