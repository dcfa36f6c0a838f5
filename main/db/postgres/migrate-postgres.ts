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
const LOCK_WAIT_MS = 60_000;
const LOCK_RETRY_MS = 250;

/** Waits for the migration lock, but not forever: a stuck process must not hang every other start-up. */
async function takeLock(client: pg.PoolClient, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [
      ...MIGRATION_LOCK,
    ]);
    if (result.rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new Error(
        `another process has been migrating this database for over ${waitMs / 1000} s (advisory lock ${MIGRATION_LOCK.join(', ')} is held)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
}

export async function applyPostgresMigrations(pool: pg.Pool, folder: string, lockWaitMs = LOCK_WAIT_MS): Promise<void> {
  const client = await pool.connect();
  try {
    await takeLock(client, lockWaitMs);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
