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

describe('agents in another process over stdio', () => {
  it('reach the UI live: the change log brings the task each change left, once, and the call log brings the calls', async () => {
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
      await agent.callTool({ name: 'claim_task', arguments: { task_id: id } });
      await agent.callTool({ name: 'complete_task', arguments: { task_id: id } });
      const tasks = () =>
        events.filter((e) => e.name === 'task').map((e) => [e.data.change, e.data.by, e.data.task.id]);
      await expect.poll(tasks, { timeout: 5000 }).toHaveLength(3);
      const calls = () => events.filter((e) => e.name === 'tool_call').map((e) => [e.data.tool, e.data.client_label]);
      await expect.poll(calls, { timeout: 5000 }).toHaveLength(3);
      // Several of the change feed's 75 ms polls: nothing may come twice.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(tasks()).toEqual([
        ['added', 'Claude Desktop', id],
        ['updated', 'Claude Desktop', id],
        ['completed', 'Claude Desktop', id],
      ]);
      expect(calls()).toEqual([
        ['add_task', 'Claude Desktop'],
        ['claim_task', 'Claude Desktop'],
        ['complete_task', 'Claude Desktop'],
      ]);
    } finally {
      stop();
      await agent.close();
    }
  });

  it('announces nothing twice: this server’s calls and changes reach the UI once each', async () => {
    const events: string[] = [];
    const changes: string[] = [];
    const stop = t.server.services.live.subscribe('local', (name, data) => {
      if (name === 'tool_call') events.push((data as { id: string }).id);
      if (name === 'task') changes.push((data as { task: { title: string } }).task.title);
    });
    const agent = await t.connect(await t.createToken('Cursor'));
    for (let i = 0; i < 5; i++) await agent.callTool({ name: 'add_task', arguments: { title: `local ${i}` } });
    // Absence can only be shown by waiting: several of the feeds' polls (75 and 100 ms).
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop();
    expect(events).toHaveLength(5);
    expect(new Set(events).size).toBe(5);
    expect(changes).toEqual(['local 0', 'local 1', 'local 2', 'local 3', 'local 4']);
  });
});
