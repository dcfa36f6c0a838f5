import type Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import { createTaskService } from '../tasks/task-service';
import { openTestDatabase, postgresTarget, sqliteTarget, type TestDatabase } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import {
  postgresPlan,
  postgresPool,
  seedPlanTasks,
  sqliteClient,
  sqliteConnection,
  sqlitePlan,
  type Captured,
} from '../testing/query-plans';
import { createTaskRepository } from './task-repository';
import { analyseStaleTables } from './postgres/planner-statistics';

/**
 * The plans of claim_task without a task id, examined on the SQL the real
 * service sends: the sweep of lapsed claims walks tasks_claim_expires_idx, the
 * pick of the next task an unclaimed-ready index, and neither sorts. Each
 * claim ran two to three times slower when a plan read the open tasks through
 * another index and sorted them (docs/performance.md).
 */

const SEEDED_TASKS = 20_000;
const SEEDED_DEPENDENCIES = 2_000;

const isSweep = (statement: Captured) => /"claim_expires_at" <=/.test(statement.sql);
const isPick = (statement: Captured) => /claim_expires_at IS NULL/.test(statement.sql);

/** Claims the next task, and the next in project 'alpha', through the real service; returns the claims' statements. */
async function claimStatements(database: TestDatabase, capture: () => Captured[]): Promise<Captured[][]> {
  const service = createTaskService({ tasks: createTaskRepository(database.handle) });
  const answers = [];
  const statements: Captured[][] = [];
  for (const input of [{}, { project: 'alpha' }]) {
    const before = capture().length;
    answers.push(await service.claim(LOCAL_USER_ID, input, 'planner'));
    statements.push(capture().slice(before));
  }
  expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
  return statements;
}

async function seedProjectTask(database: TestDatabase) {
  const service = createTaskService({ tasks: createTaskRepository(database.handle) });
  const added = await service.add(LOCAL_USER_ID, { title: 'in alpha', project: 'alpha' });
  expect(added.ok).toBe(true);
}

// SQLite is examined without statistics, as the app runs it: nothing there runs ANALYZE.
describe('claim query plans on SQLite, without statistics', () => {
  let database: TestDatabase;
  let client: Sqlite.Database;
  beforeAll(async () => {
    database = await openTestDatabase(sqliteTarget);
    client = sqliteClient(database);
    await seedPlanTasks(database, SEEDED_TASKS, SEEDED_DEPENDENCIES);
    await seedProjectTask(database);
  });
  afterAll(() => database.cleanup());
  afterEach(() => vi.restoreAllMocks());

  it('sweeps through tasks_claim_expires_idx and picks through an unclaimed-ready index, without sorting', async () => {
    // The statements the claim prepares on the handle's own connection.
    const prepared = vi.spyOn(sqliteConnection(database), 'prepare');
    const capture = () => prepared.mock.calls.map(([source]) => ({ sql: source, params: [] }));
    const [next, inProject] = await claimStatements(database, capture);
    const plan = (statement: Captured | undefined) => {
      if (!statement) throw new Error('the claim did not run this statement');
      // Without statistics SQLite's plan does not depend on the values, so NULL stands in for each.
      const placeholders = statement.sql.split('?').length - 1;
      return sqlitePlan(client, { sql: statement.sql, params: Array<null>(placeholders).fill(null) });
    };
    expect(plan(next?.find(isSweep))).toMatch(/USING INDEX tasks_claim_expires_idx/);
    expect(plan(next?.find(isPick))).toMatch(/USING INDEX tasks_user_unclaimed_idx/);
    expect(plan(inProject?.find(isPick))).toMatch(/USING INDEX tasks_user_project_unclaimed_idx/);
    for (const statements of [next, inProject]) {
      for (const statement of statements?.filter((one) => isSweep(one) || isPick(one)) ?? []) {
        expect(plan(statement)).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});

// Postgres is examined with statistics, as autovacuum (or, where it is off, the statistics keeper) leaves it.
describePostgres('claim query plans on Postgres, with statistics', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await openTestDatabase(postgresTarget);
    pool = postgresPool(database);
    await seedPlanTasks(database, SEEDED_TASKS, SEEDED_DEPENDENCIES);
    await seedProjectTask(database);
    await pool.query('analyze');
  });
  afterAll(() => database.cleanup());
  afterEach(() => vi.restoreAllMocks());

  it('sweeps through tasks_claim_expires_idx and picks through an unclaimed-ready index, without sorting', async () => {
    const queried = vi.spyOn(pg.Client.prototype, 'query');
    const capture = () =>
      queried.mock.calls.map(([config, values]): Captured => {
        if (typeof config === 'string') return { sql: config, params: (values as unknown[] | undefined) ?? [] };
        const query = config as { text: string; values?: unknown[] };
        return { sql: query.text, params: query.values ?? (values as unknown[] | undefined) ?? [] };
      });
    const [next, inProject] = await claimStatements(database, capture);
    vi.restoreAllMocks();
    const plan = async (statement: Captured | undefined) => {
      if (!statement) throw new Error('the claim did not run this statement');
      return postgresPlan(pool, statement);
    };
    expect(await plan(next?.find(isSweep))).toMatch(/Index Scan using tasks_claim_expires_idx/);
    expect(await plan(next?.find(isPick))).toMatch(/Index Scan using tasks_user_unclaimed_idx/);
    expect(await plan(inProject?.find(isPick))).toMatch(/Index Scan using tasks_user_project_unclaimed_idx/);
    for (const statements of [next, inProject]) {
      for (const statement of statements?.filter((one) => isSweep(one) || isPick(one)) ?? []) {
        expect(await plan(statement)).not.toMatch(/Sort/);
      }
    }
  });

  it('leaves nothing for the statistics keeper once the tables are analysed', async () => {
    expect(await analyseStaleTables(database.handle)).toEqual([]);
  });
});
