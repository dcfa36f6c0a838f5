import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** Where the Postgres tests connect; they create and drop their own databases there. */
export const PG_TEST_URL = process.env.TASKDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `Postgres unreachable at ${PG_TEST_URL}: ${(error as Error).message || String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why Postgres tests cannot run here, or undefined when they can. */
export const postgresUnavailable = await probe();

/**
 * Runs a Postgres suite, or reports it skipped with the reason. Under CI=true
 * an unreachable Postgres is a failure, never a silent skip.
 */
export function describePostgres(name: string, suite: () => void): void {
  if (!postgresUnavailable) {
    describe(name, suite);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('reaches Postgres (required under CI=true)', () => {
        throw new Error(postgresUnavailable);
      });
    });
  } else {
    describe.skip(`${name} [skipped: ${postgresUnavailable}]`, suite);
  }
}

function urlFor(database: string): string {
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, empty database for one test file; `drop` removes it even if connections remain. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `taskdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runAdminQuery(PG_TEST_URL, `create database "${name}"`);
  return {
    name,
    url: urlFor(name),
    drop: async () => {
      await runAdminQuery(PG_TEST_URL, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** Runs SQL as the test superuser against any database. */
export async function runAdminQuery(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
