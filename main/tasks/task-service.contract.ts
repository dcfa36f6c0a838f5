import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_WINDOW_MS } from '../../shared/limits';
import type { Result } from '../../shared/result';
import type { Task, TaskPage } from '../../shared/task';
import { createTaskRepository, type TaskRepository } from '../db/task-repository';
import { createUserRepository } from '../db/user-repository';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';
import { createTaskService, type TaskService } from './task-service';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A clock the test moves by hand, one millisecond per reading by default. */
function manualClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let now = start;
  return {
    now: () => new Date((now += 1)),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/**
 * The behaviour every database must give the task service. Run once per
 * dialect (task-service.sqlite.test.ts, task-service.postgres.test.ts).
 */
export function describeTaskServiceContract(target: DatabaseTarget): void {
  let database: TestDatabase;
  let repository: TaskRepository;
  let clock: ReturnType<typeof manualClock>;
  let service: TaskService;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    repository = createTaskRepository(database.handle);
    clock = manualClock();
    service = createTaskService({ tasks: repository, clock: clock.now });
  });
  afterAll(() => database.cleanup());

  /** Each test acts for users of its own, so no test sees another's tasks. */
  async function newUser(): Promise<string> {
    const id = `user-${randomUUID()}`;
    await createUserRepository(database.handle).ensure(id, id);
    return id;
  }

  async function addTask(userId: string, input: Record<string, unknown>): Promise<Task> {
    return value(await service.add(userId, input));
  }

  async function listAll(userId: string, input: Record<string, unknown> = {}): Promise<Task[]> {
    const collected: Task[] = [];
    let cursor: string | null | undefined;
    do {
      const page: TaskPage = value(await service.list(userId, { ...input, cursor }));
      collected.push(...page.tasks);
      cursor = page.next_cursor;
    } while (cursor);
    return collected;
  }

  describe('add', () => {
    it('creates a task with defaults, version 1 and a UUID id', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: '  Write the report  ' });
      expect(task).toMatchObject({
        title: 'Write the report',
        description: null,
        completed: false,
        completed_at: null,
        priority: 'none',
        due_date: null,
        tags: [],
        version: 1,
        deleted_at: null,
      });
      expect(task.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(task.created_at).toBe(task.updated_at);
      expect(value(await service.get(user, { task_id: task.id }))).toEqual(task);
    });

    it('stores every optional field as given', async () => {
      const user = await newUser();
      const task = await addTask(user, {
        title: 'Ship it',
        description: 'line one\n\tline two',
        priority: 'high',
        due_date: '2026-02-28',
        tags: ['Work', 'ünïcode', '🚀'],
      });
      expect(value(await service.get(user, { task_id: task.id }))).toMatchObject({
        description: 'line one\n\tline two',
        priority: 'high',
        due_date: '2026-02-28',
        tags: ['work', 'ünïcode', '🚀'],
      });
    });

    it('accepts a 200-character title and refuses 201, counting code points', async () => {
      const user = await newUser();
      expect((await addTask(user, { title: '😀'.repeat(200) })).title).toBe('😀'.repeat(200));
      expect(failure(await service.add(user, { title: 'a'.repeat(201) }))).toEqual({
        code: 'validation_error',
        message: 'title must be 1-200 characters; got 201',
      });
      expect(failure(await service.add(user, { title: '   ' })).message).toBe('title must be 1-200 characters; got 0');
      expect(failure(await service.add(user, {})).message).toBe('title is required');
    });

    it('accepts a 1000-character description and refuses 1001', async () => {
      const user = await newUser();
      await addTask(user, { title: 't', description: 'é'.repeat(1000) });
      expect(failure(await service.add(user, { title: 't', description: 'd'.repeat(1001) })).message).toBe(
        'description must be at most 1000 characters; got 1001',
      );
    });

    it('refuses NUL, other control characters and lone surrogates, and stores nothing', async () => {
      const user = await newUser();
      const bad = [
        { title: 'nul\u0000byte' },
        { title: 'bell\u0007' },
        { title: 'line\nbreak' },
        { title: 'c1\u0085control' },
        { title: 'half \ud83d pair' },
        { title: 'ok', description: 'nul\u0000' },
        { title: 'ok', description: 'escape\u001b[31m' },
        { title: 'ok', description: 'lone \udc00' },
        { title: 'ok', tags: ['tab\there'] },
      ];
      for (const input of bad) {
        const error = failure(await service.add(user, input));
        expect(error.code).toBe('validation_error');
        expect(error.message).toMatch(/control character|unpaired surrogate/);
      }
      expect(await listAll(user, { status: 'all' })).toEqual([]);
    });

    it('normalises CRLF line ends in descriptions', async () => {
      const user = await newUser();
      expect((await addTask(user, { title: 't', description: 'a\r\nb\rc' })).description).toBe('a\nb\nc');
    });

    it('accepts 10 tags of 32 characters and refuses 11 tags, 33 characters or repeats', async () => {
      const user = await newUser();
      const ten = Array.from({ length: 10 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(30)}`);
      expect((await addTask(user, { title: 't', tags: ten })).tags).toEqual(ten);
      expect(failure(await service.add(user, { title: 't', tags: [...ten, 'eleven'] })).message).toBe(
        'tags may hold at most 10 tags; got 11',
      );
      expect(failure(await service.add(user, { title: 't', tags: ['y'.repeat(33)] })).message).toBe(
        'each tag must be 1-32 characters in Unicode NFC form; got 33',
      );
      expect(failure(await service.add(user, { title: 't', tags: ['Home', 'home'] })).message).toBe(
        "tags must not repeat (case is ignored); 'home' appears twice",
      );
      expect(failure(await service.add(user, { title: 't', tags: [''] })).message).toBe(
        'each tag must be 1-32 characters in Unicode NFC form; got 0',
      );
    });

    it('refuses unknown priorities, impossible dates and unknown fields with actionable messages', async () => {
      const user = await newUser();
      expect(failure(await service.add(user, { title: 't', priority: 'urgent' })).message).toBe(
        'priority must be one of none, low, medium, high; got "urgent"',
      );
      expect(failure(await service.add(user, { title: 't', due_date: '2026-02-30' })).message).toBe(
        'due_date must be a calendar date in YYYY-MM-DD form; got "2026-02-30"',
      );
      expect(failure(await service.add(user, { title: 't', due_date: '26/02/2026' })).code).toBe('validation_error');
      expect(failure(await service.add(user, { title: 't', user_id: 'someone-else' })).message).toMatch(
        /^unknown field 'user_id'; allowed fields are title, description/,
      );
      expect(failure(await service.add(user, 'not an object')).message).toMatch(/must be an object/);
    });

    it('accepts due dates in any year from 0001', async () => {
      const user = await newUser();
      expect((await addTask(user, { title: 'ancient', due_date: '0050-06-01' })).due_date).toBe('0050-06-01');
      expect(failure(await service.add(user, { title: 't', due_date: '0000-01-01' })).code).toBe('validation_error');
    });

    it('treats null optional fields as absent', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 't', description: null, priority: null, due_date: null, tags: null });
      expect(task).toMatchObject({ description: null, priority: 'none', due_date: null, tags: [] });
    });
  });

  describe('isolation between users', () => {
    it('answers another user’s task exactly like a missing one', async () => {
      const owner = await newUser();
      const other = await newUser();
      const task = await addTask(owner, { title: 'private' });
      const missingId = randomUUID();
      const forOther = failure(await service.get(other, { task_id: task.id }));
      const forMissing = failure(await service.get(other, { task_id: missingId }));
      expect(forOther.code).toBe('not_found');
      expect(forOther.message.replace(task.id, 'ID')).toBe(forMissing.message.replace(missingId, 'ID'));
      for (const attempt of [
        service.update(other, { task_id: task.id, title: 'hijacked' }),
        service.complete(other, { task_id: task.id }),
        service.delete(other, { task_id: task.id }),
        service.restore(other, { task_id: task.id }),
      ]) {
        expect(failure(await attempt).code).toBe('not_found');
      }
      expect(await listAll(other, { status: 'all' })).toEqual([]);
      expect(value(await service.get(owner, { task_id: task.id }))).toEqual(task);
    });
  });

  describe('update', () => {
    it('changes only the given fields, bumps the version and the update time', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'old', description: 'keep', tags: ['a'] });
      const updated = value(await service.update(user, { task_id: task.id, title: 'new', priority: 'low' }));
      expect(updated).toMatchObject({ title: 'new', description: 'keep', priority: 'low', tags: ['a'], version: 2 });
      expect(updated.updated_at > task.updated_at).toBe(true);
      expect(updated.created_at).toBe(task.created_at);
    });

    it('keeps the version when an update changes nothing', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'same', tags: ['a', 'b'], priority: 'low' });
      const unchanged = value(
        await service.update(user, { task_id: task.id, title: ' same ', tags: ['A', 'b'], priority: 'low' }),
      );
      expect(unchanged).toEqual(task);
      expect(value(await service.update(user, { task_id: task.id, tags: ['b', 'a'] })).version).toBe(2);
    });

    it('clears description and due date with null and tags with an empty list', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 't', description: 'd', due_date: '2026-05-01', tags: ['x'] });
      const cleared = value(
        await service.update(user, { task_id: task.id, description: null, due_date: null, tags: [] }),
      );
      expect(cleared).toMatchObject({ description: null, due_date: null, tags: [] });
    });

    it('refuses an update with nothing to change', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 't' });
      expect(failure(await service.update(user, { task_id: task.id })).message).toMatch(/^nothing to update/);
      expect(failure(await service.update(user, { task_id: 'nope', title: 'x' })).message).toMatch(
        /^task_id must be a task id/,
      );
    });

    it('answers conflict when expected_version is stale, and changes nothing', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'v1' });
      value(await service.update(user, { task_id: task.id, title: 'v2', expected_version: 1 }));
      const error = failure(await service.update(user, { task_id: task.id, title: 'lost', expected_version: 1 }));
      expect(error.code).toBe('conflict');
      expect(error.message).toContain('is at version 2, not the expected_version 1');
      expect(value(await service.get(user, { task_id: task.id })).title).toBe('v2');
    });

    it('lets exactly one of two racing updates with the same expected_version win', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'race' });
      const results = await Promise.all(
        ['first', 'second'].map((title) => service.update(user, { task_id: task.id, title, expected_version: 1 })),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.error.code === 'conflict')).toHaveLength(1);
      expect(value(await service.get(user, { task_id: task.id })).version).toBe(2);
    });

    it('keeps both of two racing updates that name no version', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'both' });
      await Promise.all([
        service.update(user, { task_id: task.id, priority: 'high' }),
        service.update(user, { task_id: task.id, tags: ['kept'] }),
        service.update(user, { task_id: task.id, description: 'also kept' }),
      ]);
      expect(value(await service.get(user, { task_id: task.id }))).toMatchObject({
        priority: 'high',
        tags: ['kept'],
        description: 'also kept',
        version: 4,
      });
    });
  });

  describe('complete', () => {
    it('completes and reopens, setting and clearing completed_at', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 't' });
      const done = value(await service.complete(user, { task_id: task.id }));
      expect(done).toMatchObject({ completed: true, version: 2 });
      expect(done.completed_at).not.toBeNull();
      const again = value(await service.complete(user, { task_id: task.id, completed: true }));
      expect(again.version).toBe(2);
      const reopened = value(await service.complete(user, { task_id: task.id, completed: false }));
      expect(reopened).toMatchObject({ completed: false, completed_at: null, version: 3 });
    });
  });

  describe('soft delete and restore', () => {
    it('hides a deleted task from every read but keeps it for restore', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'to delete' });
      const deleted = value(await service.delete(user, { task_id: task.id }));
      expect(deleted.deleted_at).not.toBeNull();
      expect(deleted.version).toBe(2);
      expect(failure(await service.get(user, { task_id: task.id })).code).toBe('not_found');
      expect(failure(await service.update(user, { task_id: task.id, title: 'x' })).code).toBe('not_found');
      expect(failure(await service.complete(user, { task_id: task.id })).code).toBe('not_found');
      expect(failure(await service.delete(user, { task_id: task.id })).code).toBe('not_found');
      expect(await listAll(user, { status: 'all' })).toEqual([]);

      const restored = value(await service.restore(user, { task_id: task.id }));
      expect(restored).toMatchObject({ title: 'to delete', deleted_at: null, version: 3 });
      expect((await listAll(user)).map((t) => t.id)).toEqual([task.id]);
    });

    it('lists each task exactly as get shows it, every field and type included', async () => {
      const user = await newUser();
      const plain = await addTask(user, { title: 'plain' });
      const full = await addTask(user, {
        title: 'full',
        description: 'with "quotes" and ünïcode',
        priority: 'high',
        due_date: '2026-05-01',
        tags: ['a', 'b'],
      });
      value(await service.complete(user, { task_id: full.id }));
      const listed = await listAll(user, { status: 'all' });
      const shown = await Promise.all(
        [full, plain].map(async (task) => value(await service.get(user, { task_id: task.id }))),
      );
      expect(listed).toEqual(shown);
      expect(listed[0]).toMatchObject({ completed: true, tags: ['a', 'b'], deleted_at: null });
    });

    it('restores a live task as a no-op and a missing one as not_found', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'alive' });
      expect(value(await service.restore(user, { task_id: task.id })).version).toBe(1);
      expect(failure(await service.restore(user, { task_id: randomUUID() })).code).toBe('not_found');
    });
  });

  describe('idempotency keys', () => {
    it('returns the first task for a repeated key instead of a duplicate', async () => {
      const user = await newUser();
      const first = await addTask(user, { title: 'once', idempotency_key: 'req-1' });
      const second = await addTask(user, { title: 'once', idempotency_key: 'req-1' });
      expect(second).toEqual(first);
      expect(await listAll(user)).toHaveLength(1);
    });

    it('creates a single task when the same key arrives concurrently', async () => {
      const user = await newUser();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => service.add(user, { title: 'burst', idempotency_key: 'burst-1' })),
      );
      const ids = new Set(results.map((result) => value(result).id));
      expect(ids.size).toBe(1);
      expect(await listAll(user)).toHaveLength(1);
    });

    it('scopes keys to their user', async () => {
      const alice = await newUser();
      const bob = await newUser();
      const a = await addTask(alice, { title: 'a', idempotency_key: 'shared' });
      const b = await addTask(bob, { title: 'b', idempotency_key: 'shared' });
      expect(a.id).not.toBe(b.id);
    });

    it('creates a new task once the key is older than 24 hours', async () => {
      const user = await newUser();
      const first = await addTask(user, { title: 'daily', idempotency_key: 'day' });
      clock.advance(IDEMPOTENCY_WINDOW_MS - 10);
      expect((await addTask(user, { title: 'daily', idempotency_key: 'day' })).id).toBe(first.id);
      clock.advance(20);
      const later = await addTask(user, { title: 'daily', idempotency_key: 'day' });
      expect(later.id).not.toBe(first.id);
      expect((await addTask(user, { title: 'daily', idempotency_key: 'day' })).id).toBe(later.id);
    });

    it('answers conflict when the key’s task was deleted', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'gone', idempotency_key: 'k' });
      value(await service.delete(user, { task_id: task.id }));
      const error = failure(await service.add(user, { title: 'gone', idempotency_key: 'k' }));
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(task.id);
    });
  });

  describe('list filters', () => {
    it('lists open tasks by default, and completed or all on request', async () => {
      const user = await newUser();
      const open = await addTask(user, { title: 'open' });
      const done = await addTask(user, { title: 'done' });
      value(await service.complete(user, { task_id: done.id }));
      expect((await listAll(user)).map((t) => t.id)).toEqual([open.id]);
      expect((await listAll(user, { status: 'completed' })).map((t) => t.id)).toEqual([done.id]);
      expect((await listAll(user, { status: 'all' })).map((t) => t.id)).toEqual([done.id, open.id]);
    });

    it('searches title and description without regard to case, in any script', async () => {
      const user = await newUser();
      const a = await addTask(user, { title: 'Visit the ÉCOLE' });
      const b = await addTask(user, { title: 'Other', description: 'about the école trip' });
      await addTask(user, { title: 'Unrelated' });
      expect((await listAll(user, { query: 'école' })).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
      expect((await listAll(user, { query: 'ÉcOlE' })).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    });

    it('folds Greek final sigma and Turkish dotted I the same way wherever they stand', async () => {
      const user = await newUser();
      const sign = await addTask(user, { title: 'ΟΔΟΣΗΜΑΝΣΗ στον δρόμο' });
      const road = await addTask(user, { title: 'νέα οδος' });
      const city = await addTask(user, { title: 'Trip to İstanbul' });
      expect((await listAll(user, { query: 'ΟΔΟΣ' })).map((t) => t.id).sort()).toEqual([sign.id, road.id].sort());
      expect((await listAll(user, { query: 'istanbul' })).map((t) => t.id)).toEqual([city.id]);
      expect(failure(await service.add(user, { title: 't', tags: ['ΟΔΟΣ', 'οδος'] })).message).toMatch(
        /must not repeat/,
      );
      expect((await addTask(user, { title: 't', tags: ['İ'.repeat(32)] })).tags).toEqual(['i'.repeat(32)]);
    });

    it('matches %, _ and \\ literally', async () => {
      const user = await newUser();
      const percent = await addTask(user, { title: 'raise 50% of budget' });
      const underscore = await addTask(user, { title: 'rename snake_case' });
      const backslash = await addTask(user, { title: 'path C:\\temp' });
      await addTask(user, { title: 'raise 50 of budget' });
      await addTask(user, { title: 'rename snakeXcase' });
      await addTask(user, { title: 'path C:temp' });
      expect((await listAll(user, { query: '50%' })).map((t) => t.id)).toEqual([percent.id]);
      expect((await listAll(user, { query: 'e_c' })).map((t) => t.id)).toEqual([underscore.id]);
      expect((await listAll(user, { query: ':\\t' })).map((t) => t.id)).toEqual([backslash.id]);
      expect(await listAll(user, { query: '%' })).toHaveLength(1);
    });

    it('never matches across the end of the title and the start of the description', async () => {
      const user = await newUser();
      await addTask(user, { title: 'abc', description: 'def' });
      expect(await listAll(user, { query: 'cd' })).toEqual([]);
    });

    it('filters by tag without regard to case, and by priority', async () => {
      const user = await newUser();
      const home = await addTask(user, { title: 'a', tags: ['home', 'errand'], priority: 'high' });
      await addTask(user, { title: 'b', tags: ['homework'], priority: 'high' });
      const low = await addTask(user, { title: 'c', tags: ['errand'], priority: 'low' });
      expect((await listAll(user, { tag: 'HOME' })).map((t) => t.id)).toEqual([home.id]);
      expect((await listAll(user, { tag: 'errand', priority: 'low' })).map((t) => t.id)).toEqual([low.id]);
    });

    it('filters by due date, both bounds inclusive, leaving out undated tasks', async () => {
      const user = await newUser();
      const jan = await addTask(user, { title: 'jan', due_date: '2026-01-15' });
      const feb = await addTask(user, { title: 'feb', due_date: '2026-02-01' });
      const mar = await addTask(user, { title: 'mar', due_date: '2026-03-01' });
      await addTask(user, { title: 'undated' });
      const ids = async (input: Record<string, unknown>) => (await listAll(user, input)).map((t) => t.id);
      expect(await ids({ due_before: '2026-02-01', sort: 'due_date' })).toEqual([jan.id, feb.id]);
      expect(await ids({ due_after: '2026-02-01', sort: 'due_date' })).toEqual([feb.id, mar.id]);
      expect(await ids({ due_after: '2026-01-16', due_before: '2026-02-28' })).toEqual([feb.id]);
      expect(failure(await service.list(user, { due_after: '2026-03-01', due_before: '2026-01-01' })).message).toBe(
        'due_after (2026-03-01) is later than due_before (2026-01-01); no task can match',
      );
    });

    it('sorts by due date soonest first with undated tasks last', async () => {
      const user = await newUser();
      const undatedOld = await addTask(user, { title: 'u1' });
      const late = await addTask(user, { title: 'late', due_date: '2027-01-01' });
      const soon = await addTask(user, { title: 'soon', due_date: '2026-06-01' });
      const undatedNew = await addTask(user, { title: 'u2' });
      const sameDay = await addTask(user, { title: 'soon too', due_date: '2026-06-01' });
      expect((await listAll(user, { sort: 'due_date', limit: 2 })).map((t) => t.id)).toEqual([
        soon.id,
        sameDay.id,
        late.id,
        undatedOld.id,
        undatedNew.id,
      ]);
    });

    it('refuses bad filters with messages naming the allowed values', async () => {
      const user = await newUser();
      expect(failure(await service.list(user, { status: 'done' })).message).toBe(
        'status must be one of open, completed, all; got "done"',
      );
      expect(failure(await service.list(user, { sort: 'title' })).message).toBe(
        'sort must be one of created_at, due_date; got "title"',
      );
      expect(failure(await service.list(user, { limit: 0 })).message).toBe(
        'limit must be an integer from 1 to 100; got 0',
      );
      expect(failure(await service.list(user, { limit: 101 })).message).toBe(
        'limit must be an integer from 1 to 100; got 101',
      );
      expect(failure(await service.list(user, { limit: '10' })).message).toBe(
        'limit must be an integer from 1 to 100; got "10"',
      );
    });
  });

  describe('pagination', () => {
    it('pages 50 at a time by default and 1-100 on request', async () => {
      const user = await newUser();
      for (let i = 0; i < 101; i++) await addTask(user, { title: `t${i}` });
      const first = value(await service.list(user, {}));
      expect(first.tasks).toHaveLength(50);
      expect(first.next_cursor).not.toBeNull();
      const max = value(await service.list(user, { limit: 100 }));
      expect(max.tasks).toHaveLength(100);
      const rest = value(await service.list(user, { limit: 100, cursor: max.next_cursor }));
      expect(rest.tasks).toHaveLength(1);
      expect(rest.next_cursor).toBeNull();
    });

    for (const sort of ['created_at', 'due_date'] as const) {
      it(`returns every task exactly once while tasks are added between pages (sort ${sort})`, async () => {
        const user = await newUser();
        const original: string[] = [];
        for (let i = 0; i < 23; i++) {
          const due = i % 3 === 0 ? null : `2026-0${(i % 9) + 1}-1${i % 10}`;
          original.push((await addTask(user, { title: `orig ${i}`, due_date: due })).id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        let added = 0;
        do {
          const page: TaskPage = value(await service.list(user, { sort, limit: 4, cursor }));
          seen.push(...page.tasks.map((t) => t.id));
          cursor = page.next_cursor;
          await addTask(user, { title: `added ${added++}`, due_date: added % 2 ? '2026-01-01' : null });
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(original.filter((id) => !seen.includes(id))).toEqual([]);
      });
    }

    it('continues a list when the next call spells out the default status and sort', async () => {
      const user = await newUser();
      for (let i = 0; i < 3; i++) await addTask(user, { title: `t${i}` });
      const first = value(await service.list(user, { limit: 2 }));
      const rest = value(
        await service.list(user, { limit: 2, status: 'open', sort: 'created_at', cursor: first.next_cursor }),
      );
      expect(rest.tasks).toHaveLength(1);
    });

    it('pages tasks created in the same millisecond without gaps or repeats', async () => {
      const user = await newUser();
      const sameInstant = createTaskService({ tasks: repository, clock: () => new Date('2026-06-01T00:00:00.000Z') });
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push(value(await sameInstant.add(user, { title: `tie ${i}` })).id);
      const seen = (await listAll(user, { limit: 3 })).map((t) => t.id);
      expect(seen).toEqual([...ids].sort().reverse());
    });

    it('refuses a cursor reused with other filters, and a forged one', async () => {
      const user = await newUser();
      for (let i = 0; i < 3; i++) await addTask(user, { title: `t${i}`, tags: ['x'] });
      const page = value(await service.list(user, { limit: 1, tag: 'x' }));
      expect(failure(await service.list(user, { limit: 1, cursor: page.next_cursor })).message).toMatch(
        /^cursor belongs to a list with different filters or sort/,
      );
      expect(failure(await service.list(user, { cursor: 'bm90IGEgY3Vyc29y' })).message).toBe(
        'cursor is not one this server issued; call list_tasks again without cursor',
      );
    });
  });

  describe('repository', () => {
    it('never writes back an idempotency key the task gave up meanwhile', async () => {
      const user = await newUser();
      const old = await addTask(user, { title: 'old', idempotency_key: 'reused' });
      const readBefore = await repository.find(user, old.id);
      if (!readBefore) throw new Error('task not stored');
      clock.advance(IDEMPOTENCY_WINDOW_MS + 1);
      const fresh = await addTask(user, { title: 'fresh', idempotency_key: 'reused' });
      expect(fresh.id).not.toBe(old.id);
      await repository.replace({ ...readBefore, title: 'edited', version: 2 }, 1);
      expect((await repository.find(user, old.id))?.idempotencyKey).toBeNull();
      expect((await addTask(user, { title: 'again', idempotency_key: 'reused' })).id).toBe(fresh.id);
    });

    it('writes a replacement only from the version it was read at', async () => {
      const user = await newUser();
      const task = await addTask(user, { title: 'guarded' });
      const row = await repository.find(user, task.id);
      if (!row) throw new Error('task not stored');
      expect(await repository.replace({ ...row, title: 'stale', version: 5 }, 4)).toBeUndefined();
      expect((await repository.replace({ ...row, title: 'fresh', version: 2 }, 1))?.title).toBe('fresh');
    });
  });
}
