import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task, TaskDetail } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';
import { callForEnvelope, callForTask } from './testing/tool-envelope';

const call = callForEnvelope;
const task = callForTask;

/** Two agents sharing work through the coordination tools, over real HTTP with the official SDK client. */
export function describeCoordinationToolContract(target: DatabaseTarget): void {
  let server: TestServer;
  let planner: Client;
  let worker: Client;

  beforeAll(async () => {
    server = await startTestServer(target);
    planner = await server.connect(await server.createToken('Planner'));
    worker = await server.connect(await server.createToken('Worker'));
  });
  afterAll(() => server.close());

  it('takes a project from plan to done: ready queue, claim, renew, notes, handoff, completion', async () => {
    const design = await task(planner, 'add_task', { title: 'Design', project: 'Launch', priority: 'high' });
    const build = await task(planner, 'add_task', { title: 'Build', project: 'launch', blocked_by: [design.id] });
    expect(build).toMatchObject({ project: 'Launch', blocked: true, blocked_by: [design.id], claim: null });

    const ready = await call(worker, 'list_tasks', { ready: true, project: 'Launch' });
    expect((ready.data?.tasks as Task[]).map((t) => t.title)).toEqual(['Design']);

    const claimed = await task(worker, 'claim_task', { project: 'Launch', lease_seconds: 120 });
    expect(claimed).toMatchObject({ id: design.id, claim: { by: 'Worker' } });
    const refused = await call(planner, 'update_task', { task_id: design.id, title: 'Redesign' });
    expect(refused.error?.code).toBe('conflict');
    expect(refused.error?.message).toContain(`claimed by Worker until ${claimed.claim?.expires_at}`);
    expect((await call(planner, 'claim_task', {})).error?.code).toBe('not_found');

    const renewed = await task(worker, 'claim_task', { task_id: design.id, lease_seconds: 600 });
    expect(renewed.version).toBe(claimed.version);
    expect(
      (await call(worker, 'add_note', { task_id: design.id, text: 'Sketches in the shared folder' })).data,
    ).toEqual({ note: expect.objectContaining({ by: 'Worker', by_kind: 'agent' }) as unknown });
    const mine = await call(worker, 'list_tasks', { claimed_by: 'me' });
    expect((mine.data?.tasks as Task[]).map((t) => t.id)).toEqual([design.id]);

    const released = await task(worker, 'release_task', { task_id: design.id, note: 'Half done; colours left' });
    expect(released.claim).toBeNull();
    await task(planner, 'claim_task', { task_id: design.id });
    const done = await task(planner, 'complete_task', { task_id: design.id });
    expect(done).toMatchObject({ completed: true, claim: null });

    const detail = (await call(worker, 'get_task', { task_id: design.id })).data as unknown as TaskDetail;
    expect(detail.notes.map((note) => note.text)).toEqual(['Half done; colours left', 'Sketches in the shared folder']);
    expect(detail.history.map((event) => `${event.kind} by ${event.by}`)).toEqual([
      'completed by Planner',
      'claimed by Planner',
      'noted by Worker',
      'released by Worker',
      'noted by Worker',
      'renewed by Worker',
      'claimed by Worker',
      'created by Planner',
    ]);
    expect((await task(worker, 'get_task', { task_id: build.id })).blocked).toBe(false);

    const projects = await call(worker, 'list_projects');
    expect(projects.data?.projects).toEqual([
      expect.objectContaining({ name: 'Launch', open: 1, ready: 1, claimed: 0, completed: 1 }),
    ]);
  });

  it('refuses a completed blocker-chain cycle and a blocked completion with messages naming the tasks', async () => {
    const first = await task(planner, 'add_task', { title: 'First' });
    const second = await task(planner, 'add_task', { title: 'Second', blocked_by: [first.id] });
    const cycle = await call(planner, 'update_task', { task_id: first.id, blocked_by: [second.id] });
    expect(cycle.error?.code).toBe('conflict');
    expect(cycle.error?.message).toContain("'First' is blocked by");
    const blocked = await call(planner, 'complete_task', { task_id: second.id });
    expect(blocked.error?.message).toContain(`blocked by open tasks: ${first.id} 'First'`);
  });

  it('answers bad coordination arguments as tool errors the model can fix', async () => {
    const lease = await call(worker, 'claim_task', { lease_seconds: 5 });
    expect(lease.error).toEqual({
      code: 'validation_error',
      message: 'lease_seconds must be an integer from 30 to 3600; got 5',
    });
    const note = await call(worker, 'add_note', { task_id: '00000000-0000-7000-8000-000000000000', text: '' });
    expect(note.error?.code).toBe('validation_error');
  });
}
