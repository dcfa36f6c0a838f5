/**
 * Part of npm run bench: times list pages through the real task service with
 * a million tasks for one user, on SQLite and (when reachable) Postgres, for
 * each list shape without a text query, on the first page and far into the
 * list. Prints milliseconds per page; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { LOCAL_USER_ID } from '../shared/limits';
import { createServices } from '../main/app/create-services';
import { openDatabase } from '../main/db/open-database';
import { createLogger } from '../main/logging/logger';
import { createTestDatabase, postgresUnavailable } from '../main/testing/postgres';
import { seedTasksSql } from '../main/testing/seed-tasks';
import { makeTempDir } from '../main/testing/temp-dir';
import type { DatabaseLocation } from '../main/config/database-location';

const TASKS = Number(process.env.BENCH_LIST_TASKS ?? 1_000_000);
const PAGES = 20;
const SHAPES = [
  { status: 'open', sort: 'created_at' },
  { status: 'completed', sort: 'created_at' },
  { status: 'all', sort: 'due_date' },
  { status: 'open', sort: 'due_date', priority: 'high' },
] as const;

async function measure(name: string, location: DatabaseLocation, seed: () => Promise<void>): Promise<void> {
  const logger = createLogger('silent');
  const started = performance.now();
  await seed();
  const handle = await openDatabase(location, logger);
  const services = createServices(handle, logger);
  console.log(
    `${name}: ${TASKS.toLocaleString('en')} tasks seeded in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  try {
    for (const shape of SHAPES) {
      let cursor: string | null = null;
      const times: number[] = [];
      for (let page = 0; page < PAGES; page++) {
        const start = performance.now();
        const result = await services.tasks.list(LOCAL_USER_ID, { ...shape, limit: 50, cursor });
        times.push(performance.now() - start);
        if (!result.ok) throw new Error(result.error.message);
        cursor = result.value.next_cursor;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const label = Object.entries(shape)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      console.log(
        `  ${label.padEnd(42)} first page ${times[0]?.toFixed(2)} ms, median ${sorted[Math.floor(PAGES / 2)]?.toFixed(2)} ms, worst ${sorted.at(-1)?.toFixed(2)} ms over ${PAGES} pages`,
      );
    }
  } finally {
    await services.toolLog.close();
    await handle.close();
  }
}

const temp = makeTempDir('taskdesk-bench-lists-');
try {
  const file = `${temp.dir}/million.db`;
  await measure('SQLite', { kind: 'sqlite', path: file }, async () => {
    const handle = await openDatabase({ kind: 'sqlite', path: file }, createLogger('silent'));
    await handle.close();
    const db = new Sqlite(file);
    db.exec(seedTasksSql('sqlite', TASKS));
    db.exec('analyze');
    db.close();
  });
} finally {
  temp.remove();
}

if (postgresUnavailable) {
  console.log(`Postgres: skipped (${postgresUnavailable})`);
} else {
  const database = await createTestDatabase();
  try {
    await measure('Postgres', { kind: 'postgres', url: database.url }, async () => {
      const handle = await openDatabase({ kind: 'postgres', url: database.url }, createLogger('silent'));
      await handle.close();
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      await pool.query(seedTasksSql('postgres', TASKS));
      await pool.query('analyze tasks');
      await pool.end();
    });
  } finally {
    await database.drop();
  }
}
