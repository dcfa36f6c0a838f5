import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseHandle, QueryDb } from '../db/database';
import type { SqliteHandle } from '../db/sqlite/open-sqlite';
import type { TestDatabase } from './database-targets';
import { seedDependenciesSql, seedTasksSql } from './seed-tasks';

/** A statement as the service sent it, to examine its plan. */
export interface Captured {
  sql: string;
  params: unknown[];
}

/** Raw connections opened beside a test database's handle, closed with it. */
const rawConnections = new WeakMap<TestDatabase, Sqlite.Database | pg.Pool>();

function rawConnection<C extends Sqlite.Database | pg.Pool>(database: TestDatabase, open: () => C): C {
  let connection = rawConnections.get(database) as C | undefined;
  if (!connection) {
    const opened = open();
    connection = opened;
    rawConnections.set(database, opened);
    const cleanup = database.cleanup;
    database.cleanup = async () => {
      if (opened instanceof Sqlite) opened.close();
      else await opened.end();
      await cleanup();
    };
  }
  return connection;
}

/**
 * A connection of the test's own to its database, beside the handle's (which
 * hands its connection out only inside reads and writes): to seed rows
 * straight in and to ask for query plans.
 */
export function sqliteClient(database: TestDatabase): Sqlite.Database {
  const { location } = database;
  if (location.kind !== 'sqlite') throw new Error('not a SQLite test database');
  return rawConnection(database, () => new Sqlite(location.path));
}

export function postgresPool(database: TestDatabase): pg.Pool {
  const { location } = database;
  if (location.kind !== 'postgres') throw new Error('not a Postgres test database');
  return rawConnection(database, () => new pg.Pool({ connectionString: location.url, max: 2 }));
}

/**
 * The connection under a SQLite test database's handle, for tests that must
 * act on that very connection (its statements, its per-connection limits).
 */
export function sqliteConnection(database: TestDatabase): Sqlite.Database {
  const connection = (database.handle as Partial<SqliteHandle>).connection;
  if (!connection) throw new Error('not a SQLite test database');
  return connection;
}

/** The handle, with `db` (a query-logging drizzle, say) handed to its repositories' reads and writes instead. */
export function withQueryDb(handle: DatabaseHandle, db: QueryDb): DatabaseHandle {
  const { dialect } = handle;
  return {
    ...handle,
    dialect: {
      ...dialect,
      read: (query) => dialect.read(() => query(db)),
      readWithoutWaiting: (query) => dialect.readWithoutWaiting(() => query(db)),
      write: (statement) => dialect.write(() => statement(db)),
      transaction: (body) => dialect.transaction(() => body(db)),
    },
  };
}

/** SQLite's plan for a statement, one line per step. */
export function sqlitePlan(client: Sqlite.Database, statement: Captured): string {
  return (client.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

/** Postgres's plan for a statement, one line per node. */
export async function postgresPlan(pool: pg.Pool, statement: Captured): Promise<string> {
  const result = await pool.query(`explain ${statement.sql}`, statement.params);
  return (result.rows as { 'QUERY PLAN': string }[]).map((row) => row['QUERY PLAN']).join('\n');
}

/** `tasks` seeded tasks with `dependencies` of them waiting on another, written straight into the database. */
export async function seedPlanTasks(database: TestDatabase, tasks: number, dependencies: number): Promise<void> {
  const { kind } = database.handle;
  const statements = [seedTasksSql(kind, tasks), ...seedDependenciesSql(kind, dependencies)];
  if (kind === 'sqlite') {
    for (const statement of statements) sqliteClient(database).exec(statement);
  } else {
    for (const statement of statements) await postgresPool(database).query(statement);
  }
}
