import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describePostgresUrl } from '../../config/database-location';
import type { Logger } from '../../logging/logger';
import type { DatabaseHandle, QueryDb } from '../database';
import { DatabaseUnavailableError, describePostgresFailure, isConnectionLost } from '../database-errors';
import { migrationsDir } from '../migrations-dir';
import * as postgresTables from '../schema/postgres-tables';
import { applyPostgresMigrations } from './migrate-postgres';
import { listenForNotifications } from './postgres-notifications';
import { createWriteWatch } from '../storage-failure';

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects a pool to Postgres and brings the schema up to date. The pool
 * outlives dropped connections: an idle client killed by the server (restart,
 * pg_terminate_backend, a network blip) raises an 'error' event that would
 * crash the process if unhandled; here it is logged, the pool discards that
 * client, and the next query opens a fresh one.
 */
const POOL_SIZE = 10;

export async function openPostgres(url: string, logger: Logger, migrationsBase?: string): Promise<DatabaseHandle> {
  const location = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'taskdesk',
  });
  pool.on('error', (error) => {
    logger.warn({ err: error, database: location }, 'idle Postgres connection lost');
  });
  try {
    await applyPostgresMigrations(pool, migrationsDir('postgres', migrationsBase));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot use Postgres database ${location}: ${describePostgresFailure(error)}`);
  }
  const writes = createWriteWatch();
  const db = drizzle({ client: pool });
  return {
    kind: 'postgres',
    location,
    tables: postgresTables,
    dialect: {
      countFrom: (table) => sql.raw(`"${table}"`),
      tagsContain: (tags, tag) => sql`${tags} @> jsonb_build_array(${tag}::text)`,
      inIdList: (column, ids) => sql`${column} = any(${ids}::text[])`,
      idList: (ids) => [...ids],
      read: (query) => retryRead(() => query(db)),
      readWithoutWaiting: (query) => retryRead(() => query(db)),
      write: (statement) => writes.around(() => statement(db)),
      transaction: (body) =>
        writes.around(() => retryTransaction(() => db.transaction((tx) => body(tx as unknown as QueryDb)))),
      forUpdate: 'for update',
      forUpdateSkipLocked: 'for update skip locked',
      selectColumns: (query, _columns, values) => query.execute(values),
    },
    writes,
    postgres: { listen: (channel, handlers) => listenForNotifications(url, channel, handlers, logger) },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/**
 * A read that fails because its pooled connection had died is retried. When
 * the server drops every connection at once, the pool may hand out several
 * dead idle ones before it has noticed them all (each is discarded as it
 * fails), so a read may meet as many dead connections as the pool holds.
 * Writes are never retried: a write whose connection died may have committed.
 */
async function retryRead<T>(query: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await query();
    } catch (error) {
      if (!isConnectionLost(error) || attempt > POOL_SIZE) throw error;
    }
  }
}

// deadlock_detected and serialization_failure: Postgres rolled the whole transaction back, so running it again is safe.
const RETRYABLE_TRANSACTION_CODES = new Set(['40P01', '40001']);
const TRANSACTION_ATTEMPTS = 5;

/**
 * Two transactions that lock the same tasks in opposite orders (completing a
 * blocker updates its dependents while a dependent's change locks the blocker)
 * can deadlock; Postgres aborts one, and it is run again from the start.
 */
async function retryTransaction<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code =
        (error as { code?: unknown; cause?: { code?: unknown } }).code ??
        (error as { cause?: { code?: unknown } }).cause?.code;
      if (typeof code !== 'string' || !RETRYABLE_TRANSACTION_CODES.has(code) || attempt >= TRANSACTION_ATTEMPTS)
        throw error;
    }
  }
}
