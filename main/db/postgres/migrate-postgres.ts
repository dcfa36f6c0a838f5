import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

// An arbitrary, fixed pair of keys for pg_advisory_lock; every TaskDesk
// process uses the same pair, and nothing else in the database should.
const MIGRATION_LOCK = [7410, 1] as const;

/**
 * Applies the committed migrations while holding a session advisory lock, so
 * processes starting together against one database take turns: the first
 * migrates, the others wait and then find nothing left to do. Without it,
 * concurrent CREATE SCHEMA / CREATE TABLE statements race and one fails.
 */
export async function applyPostgresMigrations(pool: pg.Pool, folder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
