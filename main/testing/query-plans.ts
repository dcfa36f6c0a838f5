import type Sqlite from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseHandle } from '../db/database';
import { seedDependenciesSql, seedTasksSql } from './seed-tasks';

/** A statement as the service sent it, to examine its plan. */
export interface Captured {
  sql: string;
  params: unknown[];
}

/** The driver under a test database's handle: better-sqlite3's connection or pg's pool. */
export const sqliteClient = (handle: DatabaseHandle) => (handle.db as unknown as { $client: Sqlite.Database }).$client;
export const postgresPool = (handle: DatabaseHandle) => (handle.db as unknown as { $client: pg.Pool }).$client;

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
export async function seedPlanTasks(handle: DatabaseHandle, tasks: number, dependencies: number): Promise<void> {
  const statements = [seedTasksSql(handle.kind, tasks), ...seedDependenciesSql(handle.kind, dependencies)];
  if (handle.kind === 'sqlite') {
    for (const statement of statements) sqliteClient(handle).exec(statement);
  } else {
    for (const statement of statements) await postgresPool(handle).query(statement);
  }
}
