import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskRepository, type TaskRepository, type TaskState } from '../task-repository';
import { createUserRepository } from '../user-repository';
import { makeTempDir } from '../../testing/temp-dir';
import { toolCallRow } from '../../testing/tool-call-row';
import { createLogger } from '../../logging/logger';
import { openSqlite, type SqliteHandle } from './open-sqlite';
import { createSqliteToolCallStore } from '../../tool-log/sqlite-tool-call-store';

const USER = 'group-user';

function task(title: string, overrides: Partial<TaskState> = {}): TaskState {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    userId: USER,
    title,
    description: null,
    completed: false,
    completedAt: null,
    priority: 'none',
    dueDate: null,
    tags: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    projectId: null,
    parentId: null,
    openBlockers: 0,
    claimTokenId: null,
    claimLabel: null,
    claimExpiresAt: null,
    ...overrides,
  };
}

describe('SQLite group commit', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let handle: SqliteHandle;
  let tasks: TaskRepository;
  let client: Sqlite.Database;
  /** A second connection, as another process would have: it sees only what is committed. */
  let outside: Sqlite.Database;
  const committedTitles = () =>
    (outside.prepare('select title from tasks order by title').all() as { title: string }[]).map((row) => row.title);

  beforeEach(async () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'taskdesk.db');
    handle = openSqlite(file);
    client = handle.connection;
    await createUserRepository(handle).ensure(USER, USER);
    tasks = createTaskRepository(handle);
    outside = new Sqlite(file);
  });
  afterEach(async () => {
    outside.close();
    await handle.close();
    temp.remove();
  });

  it('puts writes made in one turn of the event loop in one commit, and answers each only once it is committed', async () => {
    const seenWhenAnswered: string[][] = [];
    const writes = ['a', 'b', 'c'].map((title) =>
      tasks.insert(task(title)).then(() => seenWhenAnswered.push(committedTitles())),
    );
    expect(client.inTransaction).toBe(true);
    expect(committedTitles()).toEqual([]);
    await Promise.all(writes);
    expect(seenWhenAnswered).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(client.inTransaction).toBe(false);
  });

  it('commits the open group before a read, so no read shows a write that is not on disk', async () => {
    const written = task('read after write');
    const write = tasks.insert(written);
    const found = await tasks.find(USER, written.id);
    expect(found?.title).toBe('read after write');
    expect(committedTitles()).toEqual(['read after write']);
    await write;
  });

  it('fails only the statement that failed, and commits the rest of its group', async () => {
    const existing = task('existing');
    await tasks.insert(existing);
    const results = await Promise.allSettled([
      tasks.insert(task('fine')),
      tasks.insert(task('duplicate id', { id: existing.id })),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect(committedTitles()).toEqual(['existing', 'fine']);
  });

  it('lets the token lookup read without committing the group, and commits the group on close', async () => {
    const write = tasks.insert(task('pending'));
    await handle.dialect.readWithoutWaiting(() => Promise.resolve(undefined));
    expect(client.inTransaction).toBe(true);
    await handle.close();
    expect(committedTitles()).toEqual(['pending']);
    await write;
  });

  it('has the tool-call log commit a waiting group before its own transaction, which keeps FULL for the tasks', async () => {
    const store = createSqliteToolCallStore({
      sqlite: handle.sqlite,
      tables: handle.tables,
      retention: 10,
      logger: createLogger('silent'),
    });
    const write = tasks.insert(task('before the log'));
    const call = toolCallRow(USER);
    await store.write([call]);
    expect(client.inTransaction).toBe(false);
    expect(committedTitles()).toEqual(['before the log']);
    expect(outside.prepare('select id from tool_calls').all()).toEqual([{ id: call.id }]);
    expect(client.pragma('synchronous', { simple: true })).toBe(2);
    await write;
  });

  it('fails every write of a group whose commit fails, and keeps none of them', async () => {
    await tasks.insert(task('before'));
    // Foreign keys checked at COMMIT: a task of an unknown user makes the whole commit fail.
    client.pragma('defer_foreign_keys = ON');
    const results = await Promise.allSettled([
      tasks.insert(task('fine')),
      tasks.insert(task('orphan', { userId: 'nobody' })),
      tasks.insert(task('also fine')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(client.inTransaction).toBe(false);
    expect(committedTitles()).toEqual(['before']);
    await tasks.insert(task('later'));
    expect(committedTitles()).toEqual(['before', 'later']);
  });
});
