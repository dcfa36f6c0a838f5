import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Task, TaskDetail } from '../../shared/task';
import { createTaskRelationsRepository } from '../db/task-relations-repository';
import { createTaskRepository } from '../db/task-repository';
import { createUserRepository } from '../db/user-repository';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';
import { PERSON, type Actor } from './actor';
import { applyEvent, EMPTY_SNAPSHOT, snapshotOf } from './task-history';
import { createTaskService, type TaskService } from './task-service';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const agent = (label: string): Actor => ({ kind: 'agent', label, tokenId: `tok-${label}` });
const ALICE = agent('alice');
const BOB = agent('bob');

/**
 * The coordination rules (projects, subtasks, dependencies, claims, notes,
 * history) every database must give. Run once per dialect.
 */
export function describeCoordinationContract(target: DatabaseTarget): void {
  let database: TestDatabase;
  let service: TaskService;
  let now = Date.parse('2026-03-01T00:00:00.000Z');
  const clock = () => new Date((now += 1));

  beforeAll(async () => {
    database = await openTestDatabase(target);
    service = createTaskService({ tasks: createTaskRepository(database.handle), clock });
  });
  afterAll(() => database.cleanup());

  async function newUser(): Promise<string> {
    const id = `user-${randomUUID()}`;
    await createUserRepository(database.handle).ensure(id, id);
    return id;
  }
  const add = async (user: string, input: Record<string, unknown>, by: Actor = ALICE) =>
    value(await service.add(user, input, by));
  const get = async (user: string, id: string) => value(await service.get(user, { task_id: id }));
  const ready = async (user: string, input: Record<string, unknown> = {}) =>
    value(await service.list(user, { ready: true, ...input })).tasks.map((task) => task.title);

  describe('projects', () => {
    it('creates a project on first use and matches its name ignoring case', async () => {
      const user = await newUser();
      const first = await add(user, { title: 'a', project: '  Website ' });
      const second = await add(user, { title: 'b', project: 'WEBSITE' });
      expect(first.project).toBe('Website');
      expect(second.project).toBe('Website');
      const projects = await service.listProjects(user);
      expect(projects).toEqual([expect.objectContaining({ name: 'Website', open: 2, ready: 2, claimed: 0 })]);
      expect(value(await service.list(user, { project: 'website' })).tasks).toHaveLength(2);
      expect(value(await service.list(user, { project: 'other' })).tasks).toHaveLength(0);
    });

    it('keeps its tasks when renamed, and refuses a name another project has', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'a', project: 'Old name' });
      await add(user, { title: 'b', project: 'Taken' });
      const project = (await service.listProjects(user)).find((p) => p.name === 'Old name');
      const renamed = value(await service.renameProject(user, { project_id: project?.id, name: ' New name ' }));
      expect(renamed).toMatchObject({ name: 'New name', open: 1 });
      expect((await get(user, task.id)).project).toBe('New name');
      expect(value(await service.list(user, { project: 'new NAME' })).tasks.map((t) => t.id)).toEqual([task.id]);
      const clash = failure(await service.renameProject(user, { project_id: project?.id, name: 'TAKEN' }));
      expect(clash).toEqual({
        code: 'conflict',
        message: "a project named 'Taken' already exists; choose another name",
      });
      expect(failure(await service.renameProject(user, { project_id: 'nope', name: 'x' })).code).toBe('not_found');
    });

    it('refuses names outside 1-64 characters', async () => {
      const user = await newUser();
      expect(failure(await service.add(user, { title: 'a', project: '   ' })).message).toMatch(/project must be 1-64/);
      expect(failure(await service.add(user, { title: 'a', project: 'x'.repeat(65) })).code).toBe('validation_error');
    });
  });

  describe('subtasks', () => {
    it('puts a subtask in its parent project, counts it, and refuses to complete the parent while it is open', async () => {
      const user = await newUser();
      const parent = await add(user, { title: 'parent', project: 'P' });
      const child = await add(user, { title: 'child', parent_id: parent.id });
      expect(child).toMatchObject({ parent_id: parent.id, project: 'P' });
      expect((await get(user, parent.id)).subtasks).toEqual({ open: 1, total: 1 });
      const refused = failure(await service.complete(user, { task_id: parent.id }));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toContain(`open subtasks: ${child.id} 'child'`);
      value(await service.complete(user, { task_id: child.id }));
      expect(value(await service.complete(user, { task_id: parent.id })).completed).toBe(true);
      expect(value(await service.list(user, { parent_id: parent.id, status: 'all' })).tasks.map((t) => t.id)).toEqual([
        child.id,
      ]);
    });

    it('refuses a parent in another project, a sixth level and nesting under its own subtask', async () => {
      const user = await newUser();
      const other = await add(user, { title: 'elsewhere', project: 'Q' });
      expect(failure(await service.add(user, { title: 'x', project: 'P', parent_id: other.id })).code).toBe(
        'validation_error',
      );
      let parent = await add(user, { title: 'level 1' });
      const root = parent;
      for (let level = 2; level <= 5; level++)
        parent = await add(user, { title: `level ${level}`, parent_id: parent.id });
      expect(failure(await service.add(user, { title: 'level 6', parent_id: parent.id })).message).toMatch(
        /at most 5 levels/,
      );
      const loop = failure(await service.update(user, { task_id: root.id, parent_id: parent.id }));
      expect(loop.code).toBe('conflict');
    });
  });

  describe('dependencies', () => {
    it('keeps a blocked task out of the ready queue until its blockers complete, and back out when one reopens', async () => {
      const user = await newUser();
      const first = await add(user, { title: 'first' });
      const second = await add(user, { title: 'second' });
      const waiting = await add(user, { title: 'waiting', blocked_by: [first.id, second.id] });
      expect(waiting).toMatchObject({
        blocked: true,
        blocked_by: expect.arrayContaining([first.id, second.id]) as string[],
      });
      expect(await ready(user)).toEqual(['first', 'second']);
      const refused = failure(await service.complete(user, { task_id: waiting.id }));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toContain(`'first'`);
      value(await service.complete(user, { task_id: first.id }));
      expect(await ready(user)).toEqual(['second']);
      value(await service.delete(user, { task_id: second.id }));
      expect(await ready(user)).toEqual(['waiting']);
      value(await service.restore(user, { task_id: second.id }, PERSON));
      value(await service.complete(user, { task_id: second.id }));
      value(await service.complete(user, { task_id: first.id, completed: false }));
      expect(await ready(user)).toEqual(['first']);
      expect((await get(user, waiting.id)).blocked).toBe(true);
    });

    it('lists ready tasks in priority, due date, age order, page by page', async () => {
      const user = await newUser();
      const titles = ['none', 'low', 'medium late', 'medium soon', 'high undated', 'high older', 'high newer'];
      const fields: Record<string, Record<string, unknown>> = {
        none: {},
        low: { priority: 'low', due_date: '2026-03-02' },
        'medium late': { priority: 'medium', due_date: '2026-12-01' },
        'medium soon': { priority: 'medium', due_date: '2026-04-01' },
        'high undated': { priority: 'high' },
        'high older': { priority: 'high', due_date: '2026-06-01' },
        'high newer': { priority: 'high', due_date: '2026-06-01' },
      };
      for (const title of titles) await add(user, { title, ...fields[title] });
      const blocker = await add(user, { title: 'blocker', priority: 'low' });
      await add(user, { title: 'blocked high', priority: 'high', blocked_by: [blocker.id] });
      const seen: string[] = [];
      let cursor: string | null | undefined;
      do {
        const page = value(await service.list(user, { ready: true, limit: 3, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.tasks.map((task) => task.title));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual([
        'high older',
        'high newer',
        'high undated',
        'medium soon',
        'medium late',
        'low',
        'blocker',
        'none',
      ]);
    });

    it('shows a task’s open blockers (not the done ones) and its subtasks in get_task', async () => {
      const user = await newUser();
      const open = await add(user, { title: 'open blocker' });
      const done = await add(user, { title: 'done blocker' });
      value(await service.complete(user, { task_id: done.id }, ALICE));
      const parent = await add(user, { title: 'parent', blocked_by: [open.id, done.id] });
      const child = await add(user, { title: 'child', parent_id: parent.id });
      const finished = await add(user, { title: 'finished child', parent_id: parent.id });
      value(await service.complete(user, { task_id: finished.id }, ALICE));
      const detail = value(await service.detail(user, { task_id: parent.id }));
      expect(detail.open_blockers).toEqual([{ id: open.id, title: 'open blocker', completed: false }]);
      // Newest first, as the task list shows them.
      expect(detail.subtasks).toEqual([
        { id: finished.id, title: 'finished child', completed: true },
        { id: child.id, title: 'child', completed: false },
      ]);
      expect(detail.task.blocked_by).toEqual([open.id, done.id]);
    });

    it('names in get_task every task its answer refers to by id, done blockers and former parents too, within scope', async () => {
      const user = await newUser();
      const done = await add(user, { title: 'done blocker', project: 'Home' });
      value(await service.complete(user, { task_id: done.id }, ALICE));
      const former = await add(user, { title: 'former parent', project: 'Home' });
      const outside = await add(user, { title: 'secret blocker', project: 'Work' });
      const task = await add(user, { title: 'linked', project: 'Home', parent_id: former.id, blocked_by: [done.id] });
      value(
        await service.update(user, { task_id: task.id, parent_id: null, blocked_by: [done.id, outside.id] }, ALICE),
      );
      const titles = (detail: TaskDetail) => detail.mentioned_tasks.map((ref) => ref.title).sort();
      expect(titles(value(await service.detail(user, { task_id: task.id })))).toEqual([
        'done blocker',
        'former parent',
        'secret blocker',
      ]);
      const home = (await service.listProjects(user)).find((project) => project.name === 'Home');
      const scoped: Actor = { ...BOB, scope: { projectIds: [home?.id ?? ''], readOnly: false } };
      expect(titles(value(await service.detail(user, { task_id: task.id }, scoped)))).toEqual([
        'done blocker',
        'former parent',
      ]);
    });

    it('refuses a direct cycle and one through a chain, spelling the cycle out', async () => {
      const user = await newUser();
      const a = await add(user, { title: 'A' });
      const b = await add(user, { title: 'B', blocked_by: [a.id] });
      const c = await add(user, { title: 'C', blocked_by: [b.id] });
      const direct = failure(await service.update(user, { task_id: a.id, blocked_by: [b.id] }));
      expect(direct.code).toBe('conflict');
      expect(direct.message).toContain(`${a.id} 'A' is blocked by ${b.id} 'B' is blocked by ${a.id} 'A'`);
      const chain = failure(await service.update(user, { task_id: a.id, blocked_by: [c.id] }));
      expect(chain.message).toContain(
        `${a.id} 'A' is blocked by ${c.id} 'C' is blocked by ${b.id} 'B' is blocked by ${a.id} 'A'`,
      );
      expect(failure(await service.update(user, { task_id: a.id, blocked_by: [a.id] })).code).toBe('validation_error');
    });

    it('replaces the list on update, and null or [] clears it', async () => {
      const user = await newUser();
      const a = await add(user, { title: 'A' });
      const b = await add(user, { title: 'B' });
      const task = await add(user, { title: 'T', blocked_by: [a.id] });
      expect(value(await service.update(user, { task_id: task.id, blocked_by: [b.id] })).blocked_by).toEqual([b.id]);
      expect(value(await service.update(user, { task_id: task.id, blocked_by: [] }))).toMatchObject({
        blocked: false,
        blocked_by: [],
      });
      value(await service.update(user, { task_id: task.id, blocked_by: [a.id] }));
      expect(value(await service.update(user, { task_id: task.id, blocked_by: null })).blocked_by).toEqual([]);
    });

    it("answers not_found for another user's task as a blocker or parent", async () => {
      const user = await newUser();
      const stranger = await newUser();
      const theirs = await add(stranger, { title: 'theirs' });
      expect(failure(await service.add(user, { title: 'x', blocked_by: [theirs.id] })).code).toBe('not_found');
      expect(failure(await service.add(user, { title: 'x', parent_id: theirs.id })).code).toBe('not_found');
      expect(failure(await service.add(user, { title: 'x', blocked_by: Array(21).fill(theirs.id) })).message).toMatch(
        /at most 20/,
      );
    });
  });

  describe('claims', () => {
    it('claims the next ready task in priority, due date, age order, never the same one twice', async () => {
      const user = await newUser();
      await add(user, { title: 'low', priority: 'low' });
      await add(user, { title: 'high later', priority: 'high', due_date: '2026-09-01' });
      await add(user, { title: 'high sooner', priority: 'high', due_date: '2026-05-01' });
      const claimed: string[] = [];
      for (let i = 0; i < 3; i++) claimed.push(value(await service.claim(user, {}, i % 2 ? BOB : ALICE)).title);
      expect(claimed).toEqual(['high sooner', 'high later', 'low']);
      const none = failure(await service.claim(user, {}, ALICE));
      expect(none.code).toBe('not_found');
      expect(none.message).toMatch(/no task is ready/);
    });

    it('claims only within the project asked for', async () => {
      const user = await newUser();
      await add(user, { title: 'web', project: 'Web' });
      await add(user, { title: 'api', project: 'API' });
      expect(value(await service.claim(user, { project: 'api' }, ALICE)).title).toBe('api');
      expect(failure(await service.claim(user, { project: 'api' }, ALICE)).code).toBe('not_found');
      expect(failure(await service.claim(user, { project: 'nope' }, ALICE)).message).toMatch(/no project named/);
    });

    it("refuses another agent's update, complete and delete while claimed, saying who and until when", async () => {
      const user = await newUser();
      const task = await add(user, { title: 'held' });
      const claimed = value(await service.claim(user, { task_id: task.id, lease_seconds: 60 }, ALICE));
      expect(claimed.claim).toEqual({ by: 'alice', expires_at: expect.any(String) as string });
      expect(claimed.version).toBe(task.version);
      for (const refused of [
        await service.update(user, { task_id: task.id, title: 'mine' }, BOB),
        await service.complete(user, { task_id: task.id }, BOB),
        await service.delete(user, { task_id: task.id }, BOB),
        await service.claim(user, { task_id: task.id }, BOB),
      ]) {
        expect(failure(refused).code).toBe('conflict');
        expect(failure(refused).message).toContain(`claimed by alice until ${claimed.claim?.expires_at}`);
      }
      expect(value(await service.update(user, { task_id: task.id, title: 'by holder' }, ALICE)).claim).not.toBeNull();
      const done = value(await service.complete(user, { task_id: task.id }, ALICE));
      expect(done).toMatchObject({ completed: true, claim: null });
    });

    it('leases for 600 s unless told, takes 30 to 3,600 s, and refuses other lengths', async () => {
      const user = await newUser();
      const leaseOf = async (input: Record<string, unknown>) => {
        const task = await add(user, { title: 'leased' });
        const claimed = value(await service.claim(user, { task_id: task.id, ...input }, ALICE));
        const [event] = value(await service.detail(user, { task_id: task.id })).history;
        return (Date.parse(claimed.claim?.expires_at ?? '') - Date.parse(event?.at ?? '')) / 1000;
      };
      expect(await leaseOf({})).toBe(600);
      expect(await leaseOf({ lease_seconds: 30 })).toBe(30);
      expect(await leaseOf({ lease_seconds: 3600 })).toBe(3600);
      const task = await add(user, { title: 'not leased' });
      for (const lease of [29, 3601, 0, 1.5]) {
        const refused = failure(await service.claim(user, { task_id: task.id, lease_seconds: lease }, ALICE));
        expect([lease, refused.code]).toEqual([lease, 'validation_error']);
        expect(refused.message).toMatch(/lease_seconds/);
      }
      expect((await get(user, task.id)).claim).toBeNull();
    });

    it('lets the person complete or delete a task an agent holds, ending the claim in the same event', async () => {
      const user = await newUser();
      for (const act of ['complete', 'delete'] as const) {
        const task = await add(user, { title: `held, then ${act}d by the person` });
        value(await service.claim(user, { task_id: task.id }, ALICE));
        expect(value(await service[act](user, { task_id: task.id }, PERSON)).claim).toBeNull();
        // A deleted task's history is read once it is back.
        if (act === 'delete') value(await service.restore(user, { task_id: task.id }, PERSON));
        const history = value(await service.detail(user, { task_id: task.id })).history;
        const acted = history.find((event) => event.kind === `${act}d`);
        expect(acted).toMatchObject({ by_kind: 'person' });
        expect(acted?.changes.claim).toEqual([expect.objectContaining({ by: 'alice' }), null]);
      }
    });

    it('renews a claim for its holder without changing the version', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'heartbeat' });
      const first = value(await service.claim(user, { task_id: task.id, lease_seconds: 30 }, ALICE));
      const renewed = value(await service.claim(user, { task_id: task.id, lease_seconds: 3600 }, ALICE));
      expect(renewed.version).toBe(first.version);
      expect((renewed.claim?.expires_at ?? '') > (first.claim?.expires_at ?? '')).toBe(true);
      value(
        await service.update(user, { task_id: task.id, title: 'still fine', expected_version: task.version }, ALICE),
      );
      const kinds = value(await service.detail(user, { task_id: task.id })).history.map((event) => event.kind);
      expect(kinds).toEqual(['updated', 'renewed', 'claimed', 'created']);
    });

    it('lets the person act on a claimed task, which ends the claim and records it', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'claimed' });
      value(await service.claim(user, { task_id: task.id }, ALICE));
      const edited = value(await service.update(user, { task_id: task.id, title: 'person edit' }, PERSON));
      expect(edited.claim).toBeNull();
      const [latest] = value(await service.detail(user, { task_id: task.id })).history;
      expect(latest).toMatchObject({ kind: 'updated', by_kind: 'person' });
      expect(latest?.changes.claim?.[1]).toBeNull();
      expect(latest?.changes.claim?.[0]).toMatchObject({ by: 'alice' });
    });

    it('releases with a handoff note, and refuses release by a non-holder', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'handoff' });
      value(await service.claim(user, { task_id: task.id }, ALICE));
      expect(failure(await service.release(user, { task_id: task.id }, BOB)).code).toBe('conflict');
      const released = value(await service.release(user, { task_id: task.id, note: 'half done; see notes' }, ALICE));
      expect(released.claim).toBeNull();
      const detail: TaskDetail = value(await service.detail(user, { task_id: task.id }));
      expect(detail.notes).toEqual([
        expect.objectContaining({ text: 'half done; see notes', by: 'alice', by_kind: 'agent' }),
      ]);
      expect(detail.history.slice(0, 2).map((event) => event.kind)).toEqual(['noted', 'released']);
      expect(await ready(user)).toEqual(['handoff']);
    });

    it('lets a lapsed lease be claimed by another, and lists claimed_by me', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'lapses' });
      value(await service.claim(user, { task_id: task.id, lease_seconds: 30 }, ALICE));
      expect(value(await service.list(user, { claimed_by: 'me' }, ALICE)).tasks.map((t) => t.id)).toEqual([task.id]);
      expect(value(await service.list(user, { claimed_by: 'me' }, BOB)).tasks).toEqual([]);
      expect(await ready(user)).toEqual([]);
      now += 31_000;
      expect(await ready(user)).toEqual(['lapses']);
      expect((await get(user, task.id)).claim).toBeNull();
      expect(value(await service.claim(user, {}, BOB)).claim?.by).toBe('bob');
      const history = value(await service.detail(user, { task_id: task.id })).history;
      expect(history.map((event) => [event.kind, event.by])).toEqual([
        ['claimed', 'bob'],
        ['lease_expired', 'TaskDesk'],
        ['claimed', 'alice'],
        ['created', expect.any(String)],
      ]);
    });

    it('ends lapsed leases before claiming the next task, so the next is the first in claim order', async () => {
      const user = await newUser();
      const first = await add(user, { title: 'first', priority: 'high' });
      await add(user, { title: 'second', priority: 'low' });
      value(await service.claim(user, { task_id: first.id, lease_seconds: 30 }, ALICE));
      now += 31_000;
      const claimed = value(await service.claim(user, {}, BOB));
      expect(claimed).toMatchObject({ id: first.id, claim: { by: 'bob' } });
      const kinds = value(await service.detail(user, { task_id: first.id })).history.map((event) => event.kind);
      expect(kinds).toEqual(['claimed', 'lease_expired', 'claimed', 'created']);
      expect(await ready(user)).toEqual(['second']);
    });

    it('records the lapse of a lease when its task is claimed again by id', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'again' });
      value(await service.claim(user, { task_id: task.id, lease_seconds: 30 }, ALICE));
      now += 31_000;
      expect(value(await service.claim(user, { task_id: task.id }, BOB)).claim?.by).toBe('bob');
      const kinds = value(await service.detail(user, { task_id: task.id })).history.map((event) => event.kind);
      expect(kinds).toEqual(['claimed', 'lease_expired', 'claimed', 'created']);
    });

    it('expires lapsed leases with a lease_expired event, leaving renewed ones', async () => {
      const user = await newUser();
      const lapsing = await add(user, { title: 'lapsing' });
      const renewed = await add(user, { title: 'renewed' });
      value(await service.claim(user, { task_id: lapsing.id, lease_seconds: 30 }, ALICE));
      value(await service.claim(user, { task_id: renewed.id, lease_seconds: 30 }, BOB));
      now += 20_000;
      value(await service.claim(user, { task_id: renewed.id, lease_seconds: 30 }, BOB));
      now += 20_000;
      expect(await service.expireLapsedClaims()).toBeGreaterThanOrEqual(1);
      const [expiry] = value(await service.detail(user, { task_id: lapsing.id })).history;
      expect(expiry).toMatchObject({ kind: 'lease_expired', by_kind: 'system' });
      expect((await get(user, renewed.id)).claim?.by).toBe('bob');
      expect(await ready(user)).toEqual(['lapsing']);
    });
  });

  describe('notes and history', () => {
    it('stamps notes with who wrote them, without changing the version', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'noted' });
      const note = value(await service.addNote(user, { task_id: task.id, text: 'found the cause' }, BOB));
      expect(note).toMatchObject({ text: 'found the cause', by: 'bob', by_kind: 'agent' });
      expect((await get(user, task.id)).version).toBe(task.version);
      expect(failure(await service.addNote(user, { task_id: task.id, text: 'x'.repeat(2001) }, BOB)).code).toBe(
        'validation_error',
      );
      expect(failure(await service.addNote(user, { task_id: randomUUID(), text: 'x' }, BOB)).code).toBe('not_found');
    });

    it('replays a task’s events to its current state, one event per acknowledged change', async () => {
      const user = await newUser();
      const blocker = await add(user, { title: 'blocker' });
      const task = await add(user, { title: 'start', project: 'P', tags: ['a'] });
      const acknowledged: Result<unknown>[] = [
        await service.update(user, { task_id: task.id, title: 'renamed', priority: 'high', due_date: '2026-04-01' }),
        await service.claim(user, { task_id: task.id }, ALICE),
        await service.addNote(user, { task_id: task.id, text: 'progress' }, ALICE),
        await service.update(user, { task_id: task.id, blocked_by: [blocker.id], project: null }, ALICE),
        await service.update(user, { task_id: task.id, description: 'details', tags: [] }, PERSON),
        await service.update(user, { task_id: task.id, blocked_by: null }),
        await service.complete(user, { task_id: task.id }),
        await service.complete(user, { task_id: task.id, completed: false }),
        await service.delete(user, { task_id: task.id }),
        await service.restore(user, { task_id: task.id }),
      ];
      expect(acknowledged.filter((result) => !result.ok)).toEqual([]);
      value(await service.update(user, { task_id: task.id, title: 'renamed' }));
      const relations = createTaskRelationsRepository(database.handle);
      const events = await relations.allEvents(user, task.id);
      expect(events).toHaveLength(1 + acknowledged.length);
      const replayed = events.reduce((state, event) => applyEvent(state, event.changes), EMPTY_SNAPSHOT);
      const row = await createTaskRepository(database.handle).find(user, task.id);
      if (!row) throw new Error('task missing');
      const edges = await relations.blockerIds([task.id]);
      expect(replayed).toEqual(
        snapshotOf(
          row,
          edges.map((edge) => edge.blockerId),
        ),
      );
      expect(events.at(-1)?.version).toBe(row.version);
    });

    it('pages history with a cursor, newest first', async () => {
      const user = await newUser();
      const task: Task = await add(user, { title: 'v0' });
      for (let i = 1; i <= 12; i++) value(await service.update(user, { task_id: task.id, title: `v${i}` }));
      const first = value(await service.detail(user, { task_id: task.id }));
      expect(first.history).toHaveLength(10);
      expect(first.history[0]?.changes.title).toEqual(['v11', 'v12']);
      const rest = value(await service.detail(user, { task_id: task.id, history_cursor: first.history_cursor }));
      expect(rest.history.map((event) => event.kind)).toEqual(['updated', 'updated', 'created']);
      expect(rest.history_cursor).toBeNull();
    });

    it('pages notes with a cursor, newest first, and refuses a cursor it did not issue', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'much said' });
      for (let i = 1; i <= 7; i++) value(await service.addNote(user, { task_id: task.id, text: `note ${i}` }, ALICE));
      const first = value(await service.detail(user, { task_id: task.id }));
      expect(first.notes.map((note) => note.text)).toEqual(['note 7', 'note 6', 'note 5', 'note 4', 'note 3']);
      expect(first.notes_cursor).not.toBeNull();
      const rest = value(await service.detail(user, { task_id: task.id, notes_cursor: first.notes_cursor }));
      expect(rest.notes.map((note) => note.text)).toEqual(['note 2', 'note 1']);
      expect(rest.notes_cursor).toBeNull();
      const refused = failure(await service.detail(user, { task_id: task.id, notes_cursor: 'page 2' }));
      expect([refused.code, refused.message]).toEqual([
        'validation_error',
        expect.stringContaining('notes_cursor is not one this server issued') as string,
      ]);
    });
  });
}
