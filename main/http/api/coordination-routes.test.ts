import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FRAGMENT_KEY } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { postgresTarget, sqliteTarget, type DatabaseTarget } from '../../testing/database-targets';
import { describePostgres } from '../../testing/postgres';
import { startTestServer, type TestServer } from '../../testing/test-server';

/**
 * The UI's coordination routes over real HTTP, with an agent on the official
 * MCP SDK client beside the person: run once per database dialect.
 */
function describeCoordinationRoutes(target: DatabaseTarget): void {
  let t: TestServer;
  let origin: string;
  let cookie: string;

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function agentCall(name: string, args: Record<string, unknown>) {
    const client = await t.connect(await t.createToken('claude'), 'claude');
    const result = await client.callTool({ name, arguments: args });
    return result.structuredContent as { status: string; data: Record<string, any> };
  }

  const addTask = async (input: Record<string, unknown>): Promise<Task> =>
    (await api('POST', '/api/tasks', input)).body.data.task as Task;

  beforeAll(async () => {
    t = await startTestServer(target);
    origin = new URL(t.server.mcpUrl).origin;
    const code = new URLSearchParams(new URL(t.server.uiUrl).hash.slice(1)).get(LOGIN_FRAGMENT_KEY) ?? '';
    const signedIn = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ code }),
    });
    cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  });
  afterAll(() => t.close());

  it('lists projects with open, ready, claimed and completed counts, and creates and renames them', async () => {
    const created = await api('POST', '/api/projects', { name: 'Counts' });
    expect(created).toMatchObject({ status: 201, body: { data: { project: { name: 'Counts', open: 0 } } } });
    const [a, b] = [await addTask({ title: 'a', project: 'counts' }), await addTask({ title: 'b', project: 'Counts' })];
    await addTask({ title: 'c', project: 'Counts', blocked_by: [a.id] });
    await api('POST', `/api/tasks/${b.id}/complete`, {});
    expect((await agentCall('claim_task', { task_id: a.id })).status).toBe('success');
    const listed = await api('GET', '/api/projects');
    expect(listed.body.data.projects).toContainEqual(
      expect.objectContaining({ name: 'Counts', open: 2, ready: 0, claimed: 1, completed: 1 }),
    );
    const renamed = await api('PATCH', `/api/projects/${created.body.data.project.id}`, { name: 'Tallies' });
    expect(renamed.body.data.project.name).toBe('Tallies');
    expect((await api('POST', '/api/projects', { name: 'tallies' })).status).toBe(409);
    expect((await api('POST', '/api/projects', { name: '' })).status).toBe(400);
  });

  it('shows an agent’s claim and note, and a person’s edit ends the claim and says so in the history', async () => {
    const task = await addTask({ title: 'shared work' });
    expect((await agentCall('claim_task', { task_id: task.id })).status).toBe('success');
    expect((await agentCall('add_note', { task_id: task.id, text: 'halfway there' })).status).toBe('success');
    const seen = (await api('GET', `/api/tasks/${task.id}/detail`)).body.data;
    expect(seen.task.claim).toMatchObject({ by: 'claude' });
    expect(seen.notes[0]).toMatchObject({ text: 'halfway there', by: 'claude', by_kind: 'agent' });
    const edited = await api('PATCH', `/api/tasks/${task.id}`, { title: 'taken over', expected_version: 1 });
    expect(edited.body.data.task).toMatchObject({ title: 'taken over', claim: null });
    const [latest] = (await api('GET', `/api/tasks/${task.id}/detail`)).body.data.history;
    expect(latest).toMatchObject({ kind: 'updated', by: 'TaskDesk UI', by_kind: 'person' });
    expect(latest.changes.claim).toEqual([expect.objectContaining({ by: 'claude' }), null]);
  });

  it('adds a note as the person and releases an agent’s claim', async () => {
    const task = await addTask({ title: 'note me' });
    const note = await api('POST', `/api/tasks/${task.id}/notes`, { text: 'looked at it' });
    expect(note).toMatchObject({ status: 201, body: { data: { note: { by: 'TaskDesk UI', by_kind: 'person' } } } });
    expect((await api('POST', `/api/tasks/${task.id}/notes`, { text: ' ' })).status).toBe(400);
    await agentCall('claim_task', { task_id: task.id });
    const released = await api('POST', `/api/tasks/${task.id}/release`, {});
    expect(released.body.data.task.claim).toBeNull();
    expect((await api('POST', `/api/tasks/${task.id}/release`, {})).status).toBe(409);
  });

  it('undoes one field change, and refuses when a newer change touched the field', async () => {
    const task = await addTask({ title: 'before' });
    const edited = (await api('PATCH', `/api/tasks/${task.id}`, { title: 'after' })).body.data.task as Task;
    const [change] = (await api('GET', `/api/tasks/${task.id}/detail`)).body.data.history;
    const undone = await api('POST', `/api/tasks/${task.id}/undo`, {
      seq: change.seq,
      expected_version: edited.version,
    });
    expect(undone.body.data.task).toMatchObject({ title: 'before' });
    const again = await api('POST', `/api/tasks/${task.id}/undo`, {
      seq: change.seq,
      expected_version: edited.version + 1,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect((await api('POST', `/api/tasks/${task.id}/undo`, { seq: 'x', expected_version: 1 })).status).toBe(400);
  });

  it('sets blockers and refuses a cycle with the cycle spelled out', async () => {
    const [a, b] = [await addTask({ title: 'alpha' }), await addTask({ title: 'beta' })];
    expect((await api('PATCH', `/api/tasks/${a.id}`, { blocked_by: [b.id] })).body.data.task.blocked).toBe(true);
    const cycle = await api('PATCH', `/api/tasks/${b.id}`, { blocked_by: [a.id] });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.message).toMatch(/would make a cycle/);
  });

  it('pages the history with a cursor', async () => {
    const task = await addTask({ title: 'v0' });
    for (let index = 1; index <= 12; index++) await api('PATCH', `/api/tasks/${task.id}`, { title: `v${index}` });
    const first = (await api('GET', `/api/tasks/${task.id}/detail`)).body.data;
    expect(first.history).toHaveLength(10);
    const cursor = encodeURIComponent(first.history_cursor as string);
    const second = (await api('GET', `/api/tasks/${task.id}/detail?history_cursor=${cursor}`)).body.data;
    expect(second.history.map((event: { kind: string }) => event.kind)).toEqual(['updated', 'updated', 'created']);
  });
}

describe('UI coordination routes on SQLite', () => {
  describeCoordinationRoutes(sqliteTarget);
});

describePostgres('UI coordination routes on Postgres', () => {
  describeCoordinationRoutes(postgresTarget);
});
