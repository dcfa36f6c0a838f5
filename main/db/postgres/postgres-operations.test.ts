import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../../shared/limits';
import { createLogger } from '../../logging/logger';
import { createTaskService } from '../../tasks/task-service';
import { createTestDatabase, describePostgres, runAdminQuery } from '../../testing/postgres';
import { runCli } from '../../testing/run-cli';
import { migrationsDir } from '../migrations-dir';
import { openDatabase } from '../open-database';
import { applyPostgresMigrations } from './migrate-postgres';
import { TABLE_SPECS } from '../schema/spec';
import { createTaskRepository } from '../task-repository';
import type { DatabaseHandle } from '../database';

describePostgres('Postgres operations', () => {
  it('lets several processes migrate one fresh database at the same time', async () => {
    const database = await createTestDatabase();
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => runCli(['migrate', '--db', database.url])));
      expect(results.map((result) => [result.code, result.stderr])).toEqual(results.map(() => [0, '']));
      const applied = await runAdminQuery(database.url, 'select count(*)::int as n from drizzle.__drizzle_migrations');
      const journal = await import('../migrations/postgres/meta/_journal.json', { with: { type: 'json' } });
      expect(applied.rows[0]).toEqual({ n: journal.default.entries.length });
    } finally {
      await database.drop();
    }
  });

  it('lets many pools migrate one fresh database at the same instant', async () => {
    const database = await createTestDatabase();
    try {
      const handles = await Promise.all(
        Array.from({ length: 8 }, () => openDatabase({ kind: 'postgres', url: database.url }, createLogger('silent'))),
      );
      await Promise.all(handles.map((handle) => handle.close()));
      const tables = await runAdminQuery(
        database.url,
        "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
      );
      expect(tables.rows[0]).toEqual({ n: TABLE_SPECS.length });
    } finally {
      await database.drop();
    }
  });

  it('gives up waiting for a migration lock another process holds, saying so', async () => {
    const database = await createTestDatabase();
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      await holder.query('select pg_advisory_lock(7410, 1)');
      await expect(applyPostgresMigrations(pool, migrationsDir('postgres', undefined), 300)).rejects.toThrow(
        /another process has been migrating this database for over 0.3 s/,
      );
    } finally {
      await pool.end();
      await holder.end();
      await database.drop();
    }
  });

  describePostgres('a pool whose connections the server kills', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      database = await createTestDatabase();
      handle = await openDatabase({ kind: 'postgres', url: database.url }, createLogger('silent'));
    });
    afterAll(async () => {
      await handle.close();
      await database.drop();
    });

    it('keeps serving reads and writes after every connection is terminated', async () => {
      const service = createTaskService({ tasks: createTaskRepository(handle) });
      expect((await service.add(LOCAL_USER_ID, { title: 'before the outages' })).ok).toBe(true);
      // Whether the pool notices a killed idle connection before the next
      // query takes it is a race; several rounds make both orders likely.
      for (let round = 0; round < 8; round++) {
        await Promise.all(Array.from({ length: 5 }, () => service.list(LOCAL_USER_ID, {})));
        const killed = await runAdminQuery(
          database.url,
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
            where datname = current_database() and application_name = 'taskdesk'`,
        );
        expect((killed.rows[0] as { n: number }).n).toBeGreaterThan(0);
        const listed = await service.list(LOCAL_USER_ID, {});
        expect(listed.ok && listed.value.tasks[0]?.title).toBe('before the outages');
      }
      expect((await service.add(LOCAL_USER_ID, { title: 'after the outages' })).ok).toBe(true);
      await expect(handle.ping()).resolves.toBeUndefined();
    });
  });
});
