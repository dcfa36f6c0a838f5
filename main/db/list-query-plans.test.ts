import type Sqlite from 'better-sqlite3';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import { createTaskService } from '../tasks/task-service';
import { openTestDatabase, postgresTarget, sqliteTarget, type TestDatabase } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import type { DatabaseHandle, QueryDb } from './database';
import { createTaskRepository } from './task-repository';

/** Every list shape an agent or the UI asks for without a text query. */
const LIST_SHAPES = [
  { status: 'open', sort: 'created_at' },
  { status: 'completed', sort: 'created_at' },
  { status: 'all', sort: 'created_at' },
  { status: 'open', sort: 'due_date' },
  { status: 'all', sort: 'due_date' },
] as const;

const SEEDED_TASKS = 20_000;

interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * Runs the real service against a handle whose drizzle instance records each
 * statement, so the plans examined are those of the SQL the service sends.
 */
async function captureListStatements(
  handle: DatabaseHandle,
  makeDb: (logger: DrizzleLogger) => QueryDb,
  input: Record<string, unknown>,
): Promise<Captured[]> {
  const captured: Captured[] = [];
  const db = makeDb({ logQuery: (sql, params) => captured.push({ sql, params }) });
  const service = createTaskService({ tasks: createTaskRepository({ ...handle, db }) });
  const first = await service.list(LOCAL_USER_ID, { ...input, limit: 20 });
  if (!first.ok) throw new Error(first.error.message);
  // The second page exercises the keyset condition too.
  await service.list(LOCAL_USER_ID, { ...input, limit: 20, cursor: first.value.next_cursor });
  return captured;
}

describe('list query plans on SQLite', () => {
  let database: TestDatabase;
  let client: Sqlite.Database;
  beforeAll(async () => {
    database = await openTestDatabase(sqliteTarget);
    client = (database.handle.db as unknown as { $client: Sqlite.Database }).$client;
    client.exec(`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${SEEDED_TASKS})
      insert into tasks (id, user_id, title, completed, priority, due_date, tags, search_text, version, created_at, updated_at)
      select printf('00000000-0000-7000-8000-%012d', i), 'local', 'seeded ' || i, i % 3 = 0, 'none',
             case when i % 4 = 0 then null else date('2026-01-01', '+' || (i % 365) || ' days') end,
             '[]', 'seeded ' || i, 1,
             strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds'),
             strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds')
        from n;
      analyze;`);
  });
  afterAll(() => database.cleanup());

  for (const shape of LIST_SHAPES) {
    it(`serves status=${shape.status} sort=${shape.sort} from an index, without sorting`, async () => {
      const statements = await captureListStatements(
        database.handle,
        (logger) => drizzleSqlite({ client, logger }) as unknown as QueryDb,
        shape,
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const plan = (
          client.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as { detail: string }[]
        )
          .map((row) => row.detail)
          .join('\n');
        expect(plan).toMatch(/USING (COVERING )?INDEX tasks_user_/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    });
  }
});

describePostgres('list query plans on Postgres', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await openTestDatabase(postgresTarget);
    pool = (database.handle.db as unknown as { $client: pg.Pool }).$client;
    await pool.query(`
      insert into tasks (id, user_id, title, completed, priority, due_date, tags, search_text, version, created_at, updated_at)
      select '00000000-0000-7000-8000-' || lpad(i::text, 12, '0'), 'local', 'seeded ' || i, i % 3 = 0, 'none',
             case when i % 4 = 0 then null else to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD') end,
             '[]'::jsonb, 'seeded ' || i, 1,
             to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        from generate_series(1, ${SEEDED_TASKS}) as i`);
    await pool.query('analyze tasks');
  });
  afterAll(() => database.cleanup());

  for (const shape of LIST_SHAPES) {
    it(`serves status=${shape.status} sort=${shape.sort} from an index, without sorting`, async () => {
      const statements = await captureListStatements(
        database.handle,
        (logger) => drizzlePostgres({ client: pool, logger }),
        shape,
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const result = await pool.query(`explain ${statement.sql}`, statement.params);
        const plan = (result.rows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).toMatch(/Index (Only )?Scan( Backward)? using tasks_user_/);
        expect(plan).not.toMatch(/Sort/);
      }
    });
  }
});
