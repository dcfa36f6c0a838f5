import type Sqlite from 'better-sqlite3';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import { createTaskService } from '../tasks/task-service';
import { createTaskWindows } from '../tasks/task-windows';
import { openTestDatabase, postgresTarget, sqliteTarget, type TestDatabase } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import {
  postgresPlan,
  postgresPool,
  seedPlanTasks,
  sqliteClient,
  withQueryDb,
  sqlitePlan,
  type Captured,
} from '../testing/query-plans';
import type { DatabaseHandle, QueryDb } from './database';
import { createTaskRepository } from './task-repository';

/** Every list shape an agent or the UI asks for without a text query. */
const LIST_SHAPES = [
  { status: 'open', sort: 'created_at' },
  { status: 'completed', sort: 'created_at' },
  { status: 'all', sort: 'created_at' },
  { status: 'open', sort: 'due_date' },
  { status: 'all', sort: 'due_date' },
  { ready: true },
] as const;

/** A list's page query (the rest read what the page's tasks show: blockers, subtask counts, project names). */
// Whether the window's list holds subtasks at all: one row at most, found through the subtask index.
const isSubtaskProbe = (statement: Captured) =>
  /"parent_id" is not null/.test(statement.sql) && /limit/i.test(statement.sql);
const isPageQuery = (statement: Captured) =>
  /from "tasks"/.test(statement.sql) && /limit/i.test(statement.sql) && !isSubtaskProbe(statement);
const shapeName = (shape: (typeof LIST_SHAPES)[number]) =>
  'ready' in shape ? 'ready=true' : `status=${shape.status} sort=${shape.sort}`;

const SEEDED_TASKS = 20_000;
const SEEDED_DEPENDENCIES = 2_000;

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
  const service = createTaskService({ tasks: createTaskRepository(withQueryDb(handle, db)) });
  const first = await service.list(LOCAL_USER_ID, { ...input, limit: 20 });
  if (!first.ok) throw new Error(first.error.message);
  // The second page exercises the keyset condition too.
  await service.list(LOCAL_USER_ID, { ...input, limit: 20, cursor: first.value.next_cursor });
  return captured;
}

/** The same for the UI's window by position: its total, and a window in the middle of the list. */
async function captureWindowStatements(
  handle: DatabaseHandle,
  makeDb: (logger: DrizzleLogger) => QueryDb,
  input: Record<string, unknown>,
): Promise<Captured[]> {
  const captured: Captured[] = [];
  const db = makeDb({ logQuery: (sql, params) => captured.push({ sql, params }) });
  const windows = createTaskWindows(createTaskRepository(withQueryDb(handle, db)));
  const answer = await windows(LOCAL_USER_ID, { ...input, offset: 500, limit: 100 });
  if (!answer.ok) throw new Error(answer.error.message);
  return captured;
}

describe('list query plans on SQLite', () => {
  let database: TestDatabase;
  let client: Sqlite.Database;
  beforeAll(async () => {
    database = await openTestDatabase(sqliteTarget);
    client = sqliteClient(database);
    await seedPlanTasks(database, SEEDED_TASKS, SEEDED_DEPENDENCIES);
    // No ANALYZE: the app never runs it on SQLite, so these are the plans its users get.
  });
  afterAll(() => database.cleanup());

  for (const shape of LIST_SHAPES) {
    it(`serves ${shapeName(shape)} from an index, without sorting`, async () => {
      const statements = await captureListStatements(
        database.handle,
        (logger) => drizzleSqlite({ client, logger }) as unknown as QueryDb,
        shape,
      );
      expect(statements.filter(isPageQuery).length).toBeGreaterThan(0);
      for (const statement of statements) {
        const plan = sqlitePlan(client, statement);
        expect(plan).toMatch(
          isPageQuery(statement) ? /USING (COVERING )?INDEX tasks_user_/ : /USING (COVERING )?INDEX/,
        );
        if ('ready' in shape && isPageQuery(statement)) expect(plan).toMatch(/tasks_user_ready_idx/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    });

    // Ready lists are paged by cursor only.
    if ('ready' in shape) continue;
    it(`counts and windows status=${shape.status} sort=${shape.sort} from an index, without sorting`, async () => {
      const statements = await captureWindowStatements(
        database.handle,
        (logger) => drizzleSqlite({ client, logger }) as unknown as QueryDb,
        shape,
      );
      // The window's total is the count that names its index; the rest read what the window's tasks show.
      const total = (statement: Captured) => statement.sql.includes('indexed by');
      expect(statements.some(total)).toBe(true);
      const probes = statements.filter(isSubtaskProbe);
      expect(probes.length).toBe(1);
      for (const probe of probes) {
        const plan = sqlitePlan(client, probe);
        expect(plan).toMatch(/USING (COVERING )?INDEX tasks_(parent|user)_/);
      }
      for (const statement of statements.filter((one) => isPageQuery(one) || total(one))) {
        const plan = sqlitePlan(client, statement);
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
    pool = postgresPool(database);
    await seedPlanTasks(database, SEEDED_TASKS, SEEDED_DEPENDENCIES);
    // As autovacuum, or where it is off the statistics keeper (postgres/planner-statistics.ts), leaves it.
    await pool.query('analyze');
  });
  afterAll(() => database.cleanup());

  for (const shape of LIST_SHAPES) {
    it(`serves ${shapeName(shape)} from an index, without sorting`, async () => {
      const statements = await captureListStatements(
        database.handle,
        (logger) => drizzlePostgres({ client: pool, logger }),
        shape,
      );
      expect(statements.filter(isPageQuery).length).toBeGreaterThan(0);
      for (const statement of statements) {
        const plan = await postgresPlan(pool, statement);
        // The page's side reads (blockers, subtask counts) touch a few pages of small tables, where
        // Postgres rightly prefers a sequential scan; SQLite's plans above show their indexes exist.
        if (!isPageQuery(statement)) continue;
        expect(plan).toMatch(/Index (Only )?Scan( Backward)? using tasks_user_/);
        if ('ready' in shape) expect(plan).toMatch(/tasks_user_ready_idx/);
        expect(plan).not.toMatch(/Sort/);
      }
    });

    if ('ready' in shape) continue;
    // Only the window's rows are held to an index here: counting most of a
    // table, Postgres rightly prefers a sequential scan to an index walk.
    it(`windows status=${shape.status} sort=${shape.sort} in index order, without sorting`, async () => {
      const statements = await captureWindowStatements(
        database.handle,
        (logger) => drizzlePostgres({ client: pool, logger }),
        shape,
      );
      const pages = statements.filter((statement) => isPageQuery(statement) && !statement.sql.includes('count('));
      expect(pages.length).toBeGreaterThan(0);
      for (const statement of pages) {
        const plan = await postgresPlan(pool, statement);
        expect(plan).toMatch(/Index (Only )?Scan( Backward)? using tasks_user_/);
        expect(plan).not.toMatch(/Sort/);
      }
    });
  }
});
