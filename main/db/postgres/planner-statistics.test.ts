import type pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger';
import { openTestDatabase, postgresTarget, type TestDatabase } from '../../testing/database-targets';
import { describePostgres } from '../../testing/postgres';
import { postgresPool } from '../../testing/query-plans';
import { seedTasksSql } from '../../testing/seed-tasks';
import { analyseStaleTables, startStatisticsKeeper } from './planner-statistics';

describePostgres('the statistics keeper on Postgres', () => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.cleanup();
  });

  /** A fresh database whose tasks table, like a server with autovacuum off, gets no automatic ANALYZE. */
  async function withoutAutovacuum() {
    const database = await openTestDatabase(postgresTarget);
    opened.push(database);
    const pool = postgresPool(database);
    await pool.query('alter table tasks set (autovacuum_enabled = false)');
    return { database, pool };
  }

  const lastAnalysed = async (pool: pg.Pool, table: string) =>
    (
      await pool.query<{ at: Date | null }>(
        'select greatest(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = $1',
        [table],
      )
    ).rows[0]?.at ?? null;

  it('analyses a TaskDesk table that grew past the threshold without statistics, once, and no other table', async () => {
    const { database, pool } = await withoutAutovacuum();
    // Another application's table in the same schema is not TaskDesk's to analyse.
    await pool.query('create table other_app_rows (id int) with (autovacuum_enabled = false)');
    await pool.query('insert into other_app_rows select generate_series(1, 5000)');
    expect(await analyseStaleTables(database.handle)).toEqual([]);
    await pool.query(seedTasksSql('postgres', 5_000));
    // Each backend reports its changes to the statistics shortly after its transaction, not at once.
    await expect.poll(() => analyseStaleTables(database.handle), { timeout: 15_000, interval: 250 }).toEqual(['tasks']);
    expect(await lastAnalysed(pool, 'tasks')).not.toBeNull();
    expect(await lastAnalysed(pool, 'other_app_rows')).toBeNull();
    expect(await analyseStaleTables(database.handle)).toEqual([]);
  });

  it('runs in the background from the first moment, and stops', async () => {
    const { database, pool } = await withoutAutovacuum();
    await pool.query(seedTasksSql('postgres', 5_000));
    const keeper = startStatisticsKeeper(database.handle, createLogger('silent'), 100);
    try {
      await expect.poll(() => lastAnalysed(pool, 'tasks'), { timeout: 15_000, interval: 250 }).not.toBeNull();
    } finally {
      await keeper.stop();
    }
  });
});
