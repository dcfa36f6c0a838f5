import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Task } from '../../shared/task';
import { createTaskRepository } from '../db/task-repository';
import { createUserRepository } from '../db/user-repository';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';
import { PERSON, type Actor } from './actor';
import { createTaskService, type TaskService } from './task-service';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const AGENT: Actor = { kind: 'agent', label: 'claude', tokenId: 'tok-claude' };

/** What the person does from the UI beyond the agents' tools: projects made on their own, and undo. Run once per dialect. */
export function describeUiActionsContract(target: DatabaseTarget): void {
  let database: TestDatabase;
  let service: TaskService;
  let now = Date.parse('2026-04-01T00:00:00.000Z');
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
  const add = async (user: string, input: Record<string, unknown>): Promise<Task> =>
    value(await service.add(user, input, AGENT));
  const latestSeq = async (user: string, id: string) =>
    value(await service.detail(user, { task_id: id })).history[0]?.seq ?? 0;

  describe('projects', () => {
    it('creates an empty project, refuses a name taken ignoring case, and renames keeping its tasks', async () => {
      const user = await newUser();
      const created = value(await service.createProject(user, { name: ' Launch ' }));
      expect(created).toMatchObject({ name: 'Launch', open: 0, ready: 0, claimed: 0, completed: 0 });
      expect(failure(await service.createProject(user, { name: 'LAUNCH' })).code).toBe('conflict');
      const task = await add(user, { title: 'write', project: 'launch' });
      value(await service.renameProject(user, { project_id: created.id, name: 'Release' }));
      expect(value(await service.get(user, { task_id: task.id })).project).toBe('Release');
      await service.createProject(user, { name: 'Other' });
      expect(failure(await service.renameProject(user, { project_id: created.id, name: 'other' })).code).toBe(
        'conflict',
      );
      expect(failure(await service.renameProject(user, { project_id: 'nope', name: 'x' })).code).toBe('not_found');
    });

    it("does not rename another user's project", async () => {
      const [owner, stranger] = [await newUser(), await newUser()];
      const project = value(await service.createProject(owner, { name: 'Mine' }));
      expect(failure(await service.renameProject(stranger, { project_id: project.id, name: 'Theirs' })).code).toBe(
        'not_found',
      );
    });
  });

  describe('undo', () => {
    it('puts back the old values of one field change, as a new event by the person', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'first', priority: 'low' });
      const edited = value(
        await service.update(user, { task_id: task.id, title: 'second', priority: 'high', project: 'P' }, PERSON),
      );
      const seq = await latestSeq(user, task.id);
      const undone = value(
        await service.undo(user, { task_id: task.id, seq, expected_version: edited.version }, PERSON),
      );
      expect(undone).toMatchObject({ title: 'first', priority: 'low', project: null, version: edited.version + 1 });
      const [latest] = value(await service.detail(user, { task_id: task.id })).history;
      expect(latest).toMatchObject({ kind: 'updated', by_kind: 'person' });
      expect(latest?.changes.title).toEqual(['second', 'first']);
    });

    it('refuses when a newer change touched the same field, and allows it when the newer change did not', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'a' });
      value(await service.update(user, { task_id: task.id, title: 'b' }, PERSON));
      const titleSeq = await latestSeq(user, task.id);
      value(await service.update(user, { task_id: task.id, title: 'c' }, AGENT));
      const afterTitle = value(await service.update(user, { task_id: task.id, priority: 'high' }, AGENT));
      const refused = failure(
        await service.undo(user, { task_id: task.id, seq: titleSeq, expected_version: afterTitle.version }, PERSON),
      );
      expect(refused.code).toBe('conflict');
      expect(refused.message).toMatch(/claude changed title again/);
      const prioritySeq = await latestSeq(user, task.id);
      const noted = value(await service.addNote(user, { task_id: task.id, text: 'progress' }, AGENT));
      expect(noted.text).toBe('progress');
      const undone = value(
        await service.undo(user, { task_id: task.id, seq: prioritySeq, expected_version: afterTitle.version }, PERSON),
      );
      expect(undone).toMatchObject({ title: 'c', priority: 'none' });
    });

    it('refuses at a stale expected_version, and refuses events that are not field changes', async () => {
      const user = await newUser();
      const task = await add(user, { title: 'a' });
      const edited = value(await service.update(user, { task_id: task.id, title: 'b' }, PERSON));
      const seq = await latestSeq(user, task.id);
      const stale = failure(await service.undo(user, { task_id: task.id, seq, expected_version: 1 }, PERSON));
      expect(stale).toMatchObject({ code: 'conflict' });
      expect(stale.message).toMatch(/version 2/);
      const [created] = value(await service.detail(user, { task_id: task.id })).history.slice(-1);
      const notField = failure(
        await service.undo(
          user,
          { task_id: task.id, seq: created?.seq ?? 0, expected_version: edited.version },
          PERSON,
        ),
      );
      expect(notField.code).toBe('validation_error');
      expect(
        failure(await service.undo(user, { task_id: task.id, seq: 999_999_999, expected_version: 2 }, PERSON)).code,
      ).toBe('not_found');
    });

    it('undoes a blocker change through the same cycle rules', async () => {
      const user = await newUser();
      const [a, b] = [await add(user, { title: 'a' }), await add(user, { title: 'b' })];
      const blocked = value(await service.update(user, { task_id: a.id, blocked_by: [b.id] }, PERSON));
      const seq = await latestSeq(user, a.id);
      const undone = value(await service.undo(user, { task_id: a.id, seq, expected_version: blocked.version }, PERSON));
      expect(undone).toMatchObject({ blocked: false, blocked_by: [] });
    });

    it("answers not_found for another user's task event", async () => {
      const [owner, stranger] = [await newUser(), await newUser()];
      const task = await add(owner, { title: 'a' });
      const edited = value(await service.update(owner, { task_id: task.id, title: 'b' }, PERSON));
      const seq = await latestSeq(owner, task.id);
      expect(
        failure(await service.undo(stranger, { task_id: task.id, seq, expected_version: edited.version }, PERSON)).code,
      ).toBe('not_found');
    });
  });
}
