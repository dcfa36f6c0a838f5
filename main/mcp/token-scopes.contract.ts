import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { ProjectSummary, Task, TaskDetail } from '../../shared/task';
import type { CreateTokenInput } from '../../shared/token-schemas';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import { connectV2Client } from './testing/connect-v2-client';
import type { Client } from './testing/connect-client';
import { callForEnvelope, callForTask, type Envelope } from './testing/tool-envelope';

const call = callForEnvelope;
const task = callForTask;

const titles = (envelope: Envelope) => (envelope.data?.tasks as Task[]).map((t) => t.title).sort();

/** The error with `id` replaced, so an outside task's answer can be compared with a missing one's. */
const errorOf = (envelope: Envelope, id: string) => ({
  status: envelope.status,
  code: envelope.error?.code,
  message: envelope.error?.message.replaceAll(id, '<id>'),
});

/**
 * Scoped and read-only tokens over real HTTP with the official SDK client: a
 * token limited to projects meets tasks outside them exactly as it meets
 * missing ones, and a read-only token changes nothing.
 */
export function describeTokenScopeContract(target: DatabaseTarget): void {
  let server: TestServer;
  let admin: Client;
  let run = 0;

  beforeAll(async () => {
    server = await startTestServer(target);
    admin = await server.connect(await server.createToken('Admin'));
  });
  afterAll(() => server.close());

  async function tokenFor(input: CreateTokenInput): Promise<Client> {
    const created = await server.server.services.tokens.create(input);
    if (!created.ok) throw new Error(created.error.message);
    return server.connect(created.value.token);
  }

  /** Fresh project names per test, an agent limited to the first two, and a task in each place. */
  async function world() {
    run += 1;
    const names = { alpha: `Alpha ${run}`, beta: `Beta ${run}`, gamma: `Gamma ${run}` };
    const scoped = await tokenFor({ label: `Scoped ${run}`, projects: [names.alpha, names.beta] });
    const inAlpha = await task(admin, 'add_task', { title: `Alpha work ${run}`, project: names.alpha });
    const inBeta = await task(admin, 'add_task', { title: `Beta work ${run}`, project: names.beta });
    const outside = await task(admin, 'add_task', { title: `Secret plan ${run}`, project: names.gamma });
    const loose = await task(admin, 'add_task', { title: `Loose secret ${run}` });
    return { names, scoped, inAlpha, inBeta, outside, loose };
  }

  it('answers every tool about a task outside its projects exactly as about a missing task', async () => {
    const { scoped, outside, loose } = await world();
    const missing = randomUUID();
    const calls: [string, (id: string) => Record<string, unknown>][] = [
      ['get_task', (id) => ({ task_id: id })],
      ['update_task', (id) => ({ task_id: id, title: 'Taken over' })],
      ['complete_task', (id) => ({ task_id: id })],
      ['delete_task', (id) => ({ task_id: id })],
      ['claim_task', (id) => ({ task_id: id })],
      ['release_task', (id) => ({ task_id: id })],
      ['add_note', (id) => ({ task_id: id, text: 'hello' })],
    ];
    for (const [tool, args] of calls) {
      const absent = errorOf(await call(scoped, tool, args(missing)), missing);
      expect(absent, tool).toMatchObject({ status: 'error', code: 'not_found' });
      expect(errorOf(await call(scoped, tool, args(outside.id)), outside.id), tool).toEqual(absent);
      expect(errorOf(await call(scoped, tool, args(loose.id)), loose.id), tool).toEqual(absent);
    }
    const untouched = await task(admin, 'get_task', { task_id: outside.id });
    expect(untouched).toMatchObject({ title: outside.title, version: 1, completed: false, claim: null });
  });

  it('lists, counts, ready queues and claims only its projects', async () => {
    const { names, scoped, inAlpha, inBeta } = await world();
    expect(titles(await call(scoped, 'list_tasks', { status: 'all', limit: 100 }))).toEqual(
      [inAlpha.title, inBeta.title].sort(),
    );
    expect(titles(await call(scoped, 'list_tasks', { ready: true, limit: 100 }))).toEqual(
      [inAlpha.title, inBeta.title].sort(),
    );
    expect(titles(await call(scoped, 'list_tasks', { project: names.gamma }))).toEqual([]);
    const projects = (await call(scoped, 'list_projects')).data?.projects as ProjectSummary[];
    expect(projects.map((project) => project.name).sort()).toEqual([names.alpha, names.beta]);
    expect(projects.every((project) => project.open === 1)).toBe(true);

    const gamma = await call(scoped, 'claim_task', { project: names.gamma });
    const nowhere = await call(scoped, 'claim_task', { project: 'Nowhere' });
    expect(gamma.error?.message.replace(names.gamma, '<p>')).toBe(nowhere.error?.message.replace('Nowhere', '<p>'));
    expect(gamma.error?.code).toBe('not_found');

    const claimed = [await task(scoped, 'claim_task', {}), await task(scoped, 'claim_task', {})];
    expect(claimed.map((t) => t.title).sort()).toEqual([inAlpha.title, inBeta.title].sort());
    const none = await call(scoped, 'claim_task', {});
    expect(none.error?.code).toBe('not_found');
    expect(none.error?.message).toContain('no task is ready');
  });

  it('cannot block on, parent to or move a task into a project outside its scope', async () => {
    const { names, scoped, inAlpha, outside } = await world();
    const missing = randomUUID();
    for (const field of ['blocked_by', 'parent_id'] as const) {
      const value = (id: string) => (field === 'blocked_by' ? [id] : id);
      const absent = await call(scoped, 'add_task', { title: 'Child', project: names.alpha, [field]: value(missing) });
      expect(absent.error?.code, field).toBe('not_found');
      const added = await call(scoped, 'add_task', {
        title: 'Child',
        project: names.alpha,
        [field]: value(outside.id),
      });
      expect(errorOf(added, outside.id), field).toEqual(errorOf(absent, missing));
      const absentUpdate = await call(scoped, 'update_task', { task_id: inAlpha.id, [field]: value(missing) });
      const updated = await call(scoped, 'update_task', { task_id: inAlpha.id, [field]: value(outside.id) });
      expect(errorOf(updated, outside.id), field).toEqual(errorOf(absentUpdate, missing));
    }
    const key = `key ${randomUUID()}`;
    await task(admin, 'add_task', { title: 'Keyed secret', project: names.gamma, idempotency_key: key });
    const reused = await call(scoped, 'add_task', { title: 'Mine', project: names.alpha, idempotency_key: key });
    expect(reused.error?.code).toBe('validation_error');
    expect(JSON.stringify(reused)).not.toContain('Keyed secret');
    const elsewhere = await call(scoped, 'add_task', { title: 'Stray', project: names.gamma });
    expect(elsewhere.error?.code).toBe('validation_error');
    expect(elsewhere.error?.message).toContain(`'${names.alpha}'`);
    const unnamed = await call(scoped, 'add_task', { title: 'Stray' });
    expect(unnamed.error?.code).toBe('validation_error');
    expect(unnamed.error?.message).toContain(`'${names.beta}'`);
    for (const project of [names.gamma, null]) {
      const moved = await call(scoped, 'update_task', { task_id: inAlpha.id, project });
      expect(moved.error?.code).toBe('validation_error');
    }
    expect(await task(admin, 'get_task', { task_id: inAlpha.id })).toMatchObject({ project: names.alpha, version: 1 });
    expect((await task(admin, 'get_task', { task_id: outside.id })).subtasks).toEqual({ open: 0, total: 0 });
  });

  it('adds to its only project when add_task names none', async () => {
    run += 1;
    const only = `Only ${run}`;
    const agent = await tokenFor({ label: `Single ${run}`, projects: [only] });
    expect(await task(agent, 'add_task', { title: 'Lands in its project' })).toMatchObject({ project: only });
  });

  it("never shows an outside task's title through a task inside its projects", async () => {
    const { names, scoped, outside } = await world();
    const waiting = await task(admin, 'add_task', { title: 'Waits', project: names.alpha, blocked_by: [outside.id] });
    const detail = (await call(scoped, 'get_task', { task_id: waiting.id })).data as unknown as TaskDetail;
    expect(detail.task.blocked).toBe(true);
    expect(detail.open_blockers).toEqual([]);
    expect(JSON.stringify(detail)).not.toContain('Secret plan');
    const refused = await call(scoped, 'complete_task', { task_id: waiting.id });
    expect(refused.error?.code).toBe('conflict');
    expect(refused.error?.message).not.toContain('Secret plan');
    const claim = await call(scoped, 'claim_task', { task_id: waiting.id });
    expect(claim.error?.message).not.toContain('Secret plan');
  });

  it('does all of it inside its projects', async () => {
    const { names, scoped, inAlpha, inBeta } = await world();
    const added = await task(scoped, 'add_task', {
      title: 'Scoped work',
      project: names.beta,
      blocked_by: [inBeta.id],
    });
    const child = await task(scoped, 'add_task', { title: 'Scoped child', parent_id: inAlpha.id });
    expect(child.project).toBe(names.alpha);
    expect(added).toMatchObject({ project: names.beta, blocked: true, blocked_by: [inBeta.id] });
    expect((await task(scoped, 'get_task', { task_id: inAlpha.id })).subtasks).toEqual({ open: 1, total: 1 });
    const moved = await task(scoped, 'update_task', { task_id: added.id, project: names.alpha, blocked_by: null });
    expect(moved).toMatchObject({ project: names.alpha, blocked: false });
    await task(scoped, 'claim_task', { task_id: added.id });
    expect((await call(scoped, 'add_note', { task_id: added.id, text: 'On it' })).status).toBe('success');
    await task(scoped, 'release_task', { task_id: added.id, note: 'Handing over' });
    await task(scoped, 'complete_task', { task_id: child.id });
    expect(await task(scoped, 'complete_task', { task_id: added.id })).toMatchObject({ completed: true });
    expect((await task(scoped, 'delete_task', { task_id: inBeta.id })).deleted_at).not.toBeNull();
    const detail = (await call(scoped, 'get_task', { task_id: added.id })).data as unknown as TaskDetail;
    expect(detail.notes.map((note) => note.text)).toEqual(['Handing over', 'On it']);
  });

  it('refuses every write of a read-only token as forbidden and changes nothing, while reads work', async () => {
    run += 1;
    const target = await task(admin, 'add_task', { title: `Read me ${run}`, project: `Docs ${run}` });
    const reader = await tokenFor({ label: `Reader ${run}`, read_only: true });
    const writes: [string, Record<string, unknown>][] = [
      ['add_task', { title: 'Nope' }],
      ['update_task', { task_id: target.id, title: 'Changed' }],
      ['complete_task', { task_id: target.id }],
      ['delete_task', { task_id: target.id }],
      ['claim_task', { task_id: target.id }],
      ['claim_task', {}],
      ['release_task', { task_id: target.id }],
      ['add_note', { task_id: target.id, text: 'Sneaky' }],
    ];
    for (const [tool, args] of writes) {
      const refused = await call(reader, tool, args);
      expect(refused.error?.code, tool).toBe('forbidden');
      expect(refused.error?.message, tool).toContain(`Reader ${run} is read-only`);
    }
    const after = (await call(admin, 'get_task', { task_id: target.id })).data as unknown as TaskDetail;
    expect(after.task).toMatchObject({ title: target.title, version: 1, completed: false, claim: null });
    expect(after.notes).toEqual([]);
    expect(after.history.map((event) => event.kind)).toEqual(['created']);

    expect((await task(reader, 'get_task', { task_id: target.id })).title).toBe(target.title);
    expect(titles(await call(reader, 'list_tasks', { project: `Docs ${run}` }))).toEqual([target.title]);
    expect((await call(reader, 'list_projects')).status).toBe('success');
  });

  it('answers forbidden to a read-only token over the 2026 protocol too', async () => {
    run += 1;
    const created = await server.server.services.tokens.create({ label: `Modern reader ${run}`, read_only: true });
    if (!created.ok) throw new Error(created.error.message);
    const modern = await connectV2Client(server.server.mcpUrl, created.value.token, 'pinned');
    try {
      const result = await modern.callTool({ name: 'add_task', arguments: { title: 'Nope' } });
      expect(result.isError).toBe(true);
      expect((result.structuredContent as Envelope | undefined)?.error?.code).toBe('forbidden');
    } finally {
      await modern.close();
    }
  });

  it('keeps its scope when a project is renamed', async () => {
    const { names, scoped, inAlpha, inBeta } = await world();
    const projects = await server.server.services.tasks.listProjects(LOCAL_USER_ID);
    const project = projects.find((p) => p.name === names.alpha);
    const renamed = await server.server.services.tasks.renameProject(LOCAL_USER_ID, {
      project_id: project?.id,
      name: `${names.alpha} renamed`,
    });
    expect(renamed.ok).toBe(true);
    expect((await task(scoped, 'get_task', { task_id: inAlpha.id })).project).toBe(`${names.alpha} renamed`);
    const listed = (await call(scoped, 'list_projects')).data?.projects as ProjectSummary[];
    expect(listed.map((p) => p.name)).toContain(`${names.alpha} renamed`);
    const added = await task(scoped, 'add_task', { title: 'After rename', project: `${names.alpha} renamed` });
    expect(added.project).toBe(`${names.alpha} renamed`);
    expect(titles(await call(scoped, 'list_tasks', { status: 'all', limit: 100 }))).toEqual(
      [inAlpha.title, inBeta.title, 'After rename'].sort(),
    );
    const tokens = await server.server.services.tokens.list(LOCAL_USER_ID);
    const info = tokens.find((token) => token.projects?.some((p) => p.id === project?.id));
    expect(info?.projects?.map((p) => p.name)).toEqual([`${names.alpha} renamed`, names.beta]);
  });
}
