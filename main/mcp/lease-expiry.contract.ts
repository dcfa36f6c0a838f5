import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { Task, TaskDetail } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';

async function task(client: Client, name: string, args: Record<string, unknown>): Promise<Task> {
  const result = await client.callTool({ name, arguments: args });
  const envelope = result.structuredContent as { status: string; data?: { task: Task }; error?: unknown };
  if (envelope.status !== 'success' || !envelope.data) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
  return envelope.data.task;
}

/**
 * Leases run out on their own: the server's sweeper ends them with no request
 * touching the task. The server's clock is moved forward instead of waiting.
 */
export function describeLeaseExpiryContract(target: DatabaseTarget): void {
  let server: TestServer;
  let offsetMs = 0;

  beforeAll(async () => {
    server = await startTestServer(target, { clock: () => new Date(Date.now() + offsetMs), leaseSweepMs: 25 });
  });
  afterAll(() => server.close());

  const detail = async (id: string): Promise<TaskDetail> => {
    const result = await server.server.services.tasks.detail(LOCAL_USER_ID, { task_id: id });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("ends a lapsed lease by itself, keeps a renewed one, and lets another agent reclaim a dead claimant's task", async () => {
    const planner = await server.connect(await server.createToken('Planner'));
    const steady = await server.connect(await server.createToken('Steady'));
    const doomed = await server.connect(await server.createToken('Doomed'));
    const renewedTask = await task(planner, 'add_task', { title: 'kept alive', priority: 'high' });
    const lapsingTask = await task(planner, 'add_task', { title: 'abandoned' });

    await task(steady, 'claim_task', { task_id: renewedTask.id, lease_seconds: 30 });
    await task(doomed, 'claim_task', { task_id: lapsingTask.id, lease_seconds: 30 });
    await doomed.close();
    offsetMs += 20_000;
    await task(steady, 'claim_task', { task_id: renewedTask.id, lease_seconds: 30 });
    offsetMs += 15_000;

    // The task reads as unclaimed as soon as the lease is past; the sweep is what writes the expiry down.
    await waitFor(async () => (await detail(lapsingTask.id)).history[0]?.kind === 'lease_expired');
    expect((await detail(lapsingTask.id)).task.claim).toBeNull();
    const [expiry] = (await detail(lapsingTask.id)).history;
    expect(expiry).toMatchObject({ kind: 'lease_expired', by: 'TaskDesk', by_kind: 'system' });
    expect(expiry?.changes.claim?.[0]).toMatchObject({ by: 'Doomed' });
    expect((await detail(renewedTask.id)).task.claim?.by).toBe('Steady');
    expect((await detail(renewedTask.id)).history.map((event) => event.kind)).not.toContain('lease_expired');

    const ready = await planner.callTool({ name: 'list_tasks', arguments: { ready: true } });
    const readyTasks = (ready.structuredContent as { data: { tasks: Task[] } }).data.tasks;
    expect(readyTasks.map((t) => t.id)).toEqual([lapsingTask.id]);
    const reclaimed = await task(planner, 'claim_task', {});
    expect(reclaimed).toMatchObject({ id: lapsingTask.id, claim: { by: 'Planner' } });
  });
}
