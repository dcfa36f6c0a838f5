import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOverStdio } from '../mcp/testing/snippet-transports';
import { sqliteTarget } from '../testing/database-targets';
import { BIN } from '../testing/run-cli';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(sqliteTarget);
});
afterAll(() => t.close());

describe('agents in another process', () => {
  it('reach the UI live: a call over `taskdesk stdio` is announced with the task it changed and its client', async () => {
    if (t.location.kind !== 'sqlite') throw new Error('expected SQLite');
    const events: { name: string; data: any }[] = [];
    const stop = t.server.services.live.subscribe('local', (name, data) => events.push({ name, data }));
    const agent = await connectOverStdio(
      { command: process.execPath, args: [BIN, 'stdio', '--db', t.location.path] },
      'Claude Desktop',
    );
    try {
      const added = await agent.callTool({ name: 'add_task', arguments: { title: 'from another process' } });
      const id = (added.structuredContent as any).data.task.id as string;
      await agent.callTool({ name: 'complete_task', arguments: { task_id: id } });
      await expect
        .poll(() => events.filter((e) => e.name === 'task').map((e) => [e.data.change, e.data.by, e.data.task.id]), {
          timeout: 5000,
        })
        .toEqual([
          ['added', 'Claude Desktop', id],
          ['completed', 'Claude Desktop', id],
        ]);
      const calls = events.filter((e) => e.name === 'tool_call').map((e) => [e.data.tool, e.data.client_label]);
      expect(calls).toEqual([
        ['add_task', 'Claude Desktop'],
        ['complete_task', 'Claude Desktop'],
      ]);
    } finally {
      stop();
      await agent.close();
    }
  });

  it('announces nothing twice, and nothing from this server, which the log already carries live', async () => {
    const events: string[] = [];
    const stop = t.server.services.live.subscribe('local', (name, data) => {
      if (name === 'tool_call') events.push((data as { id: string }).id);
    });
    const agent = await t.connect(await t.createToken('Cursor'));
    for (let i = 0; i < 5; i++) await agent.callTool({ name: 'add_task', arguments: { title: `local ${i}` } });
    // Absence can only be shown by waiting: several of the feed's 100 ms polls.
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop();
    expect(events).toHaveLength(5);
    expect(new Set(events).size).toBe(5);
  });
});
