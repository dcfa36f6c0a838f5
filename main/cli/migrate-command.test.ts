import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_SPECS } from '../db/schema/spec';
import { introspect } from '../testing/introspect';
import { createTestDatabase, describePostgres } from '../testing/postgres';
import { runCli } from '../testing/run-cli';
import { useTempDirs } from '../testing/temp-dir';

/** A failure must be one line a person can act on: no stack trace, no JSON dump. */
function expectOneClearLine(stderr: string, mentions: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^taskdesk: /);
  expect(lines[0]).toMatch(mentions);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('taskdesk migrate', () => {
  const tempDir = useTempDirs();

  it('creates and migrates taskdesk.db in a new data directory, and is idempotent', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = await runCli(['migrate', '--data-dir', dataDir]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`sqlite database at ${path.join(dataDir, 'taskdesk.db')} is up to date\n`);
    expect((await runCli(['migrate', '--data-dir', dataDir])).code).toBe(0);
  });

  it('reads the data directory and database from the environment, --db first', async () => {
    const dataDir = tempDir();
    expect((await runCli(['migrate'], { TASKDESK_DATA_DIR: dataDir })).code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'taskdesk.db'))).toBe(true);

    const fromEnv = path.join(tempDir(), 'env.db');
    expect((await runCli(['migrate'], { TASKDESK_DB: `sqlite:${fromEnv}` })).code).toBe(0);
    expect(fs.existsSync(fromEnv)).toBe(true);

    const fromDatabaseUrl = path.join(tempDir(), 'database-url.db');
    const fromFlag = path.join(tempDir(), 'flag.db');
    expect((await runCli(['migrate', '--db', fromFlag], { DATABASE_URL: fromDatabaseUrl })).code).toBe(0);
    expect([fs.existsSync(fromFlag), fs.existsSync(fromDatabaseUrl)]).toEqual([true, false]);
  });

  it('answers a bad URL with one clear line and exit code 1', async () => {
    const result = await runCli(['migrate', '--db', 'postgres://me:hunter2@[broken/db']);
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /not a valid URL/);
    expect(result.stderr).not.toContain('hunter2');
    expectOneClearLine((await runCli(['migrate', '--db', 'mysql://h/db'])).stderr, /scheme "mysql:" is not supported/);
  });

  it('answers an unreachable Postgres with one line naming it and the cause, hiding the password', async () => {
    const result = await runCli(['migrate', '--db', 'postgres://me:hunter2@127.0.0.1:1/tasks']);
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/tasks: connection refused/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('answers a SQLite path in a missing folder with one line naming the folder', async () => {
    const result = await runCli(['migrate', '--db', path.join(tempDir(), 'missing', 'tasks.db')]);
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /missing.* does not exist/);
  });

  it('answers a file that is not a SQLite database with one clear line', async () => {
    const notDatabase = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(notDatabase, 'just some text, long enough to not look like an empty database file\n'.repeat(20));
    const result = await runCli(['migrate', '--db', notDatabase]);
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /cannot use SQLite database at .*notes\.txt: file is not a database/);
  });

  describePostgres('on Postgres', () => {
    it('answers a missing database with one clear line', async () => {
      const result = await runCli(['migrate', '--db', 'postgres://postgres@127.0.0.1:5432/taskdesk_no_such_db']);
      expect(result.code).toBe(1);
      expectOneClearLine(result.stderr, /taskdesk_no_such_db: database does not exist/);
    });

    it('produces the same tables and columns as on SQLite', async () => {
      const file = path.join(tempDir(), 'same.db');
      const database = await createTestDatabase();
      try {
        expect((await runCli(['migrate', '--db', file])).code).toBe(0);
        expect((await runCli(['migrate', '--db', database.url])).code).toBe(0);
        const sqlite = await introspect({ kind: 'sqlite', path: file });
        const postgres = await introspect({ kind: 'postgres', url: database.url });
        const shape = (schema: typeof sqlite) =>
          Object.fromEntries(
            Object.entries(schema).map(([table, { columns, indexes }]) => [
              table,
              { columns: columns.map(({ name, notNull, primaryKey }) => ({ name, notNull, primaryKey })), indexes },
            ]),
          );
        expect(Object.keys(sqlite).sort()).toEqual(TABLE_SPECS.map((table) => table.name).sort());
        expect(shape(postgres)).toEqual(shape(sqlite));
      } finally {
        await database.drop();
      }
    });
  });
});
