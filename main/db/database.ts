import type { Column, Placeholder, SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PlaceholderValues, PreparedQuery } from './prepared-queries';
import type * as postgresTables from './schema/postgres-tables';
import type { Logger } from '../logging/logger';
import type { NotificationHandlers } from './postgres/postgres-notifications';
import type { WriteWatch } from './storage-failure';

export type { DatabaseKind } from '../../shared/database-kind';
import type { DatabaseKind } from '../../shared/database-kind';

/**
 * The one repository is written against Postgres-typed drizzle objects; the
 * SQLite handle passes its own objects under these types (see
 * `sqlite/open-sqlite.ts` for why that is sound). Query builders render SQL
 * for the dialect of the object they are called on, not the declared type.
 */
export type QueryDb = NodePgDatabase;
/** What a read may do: select. A read is handed no way to write, so no write can skip `write`'s group commit. */
export type ReadDb = Pick<QueryDb, 'select' | 'selectDistinct'>;
export type Tables = typeof postgresTables;

/** The few places where the two dialects cannot share SQL. */
export interface DialectQueries {
  /**
   * The FROM of a count that should walk `index`. SQLite's planner, seeing
   * one user own every row, scans the table instead, at two to three times
   * the cost (measured on 20,000 tasks); Postgres chooses well unaided.
   * `table` and `index` are names from the schema spec, never input.
   */
  countFrom(table: string, index: string): SQL;
  /** A condition that the row's JSON `tags` array contains `tag`. */
  tagsContain(tags: Tables['tasks']['tags'], tag: Placeholder | string): SQL;
  /**
   * A condition that `column` is one of a list bound as one placeholder (see
   * `idList`), so a query over any number of ids is one prepared statement.
   */
  inIdList(column: Column, ids: Placeholder): SQL;
  /** The value to bind to an `inIdList` placeholder. */
  idList(ids: readonly string[]): unknown;
  /**
   * Runs a read that sees only committed writes (SQLite first commits writes
   * waiting in a group commit), retrying where a pooled connection may have died idle.
   */
  read<T>(query: (db: ReadDb) => Promise<T>): Promise<T>;
  /**
   * A read that may run beside writes not yet committed (SQLite's group
   * commit): only for lookups where seeing such a write is harmless, like the
   * token check at the start of every request, which would otherwise commit
   * every group after a single write.
   */
  readWithoutWaiting<T>(query: (db: ReadDb) => Promise<T>): Promise<T>;
  /**
   * Runs a write. On SQLite it joins the open group commit and resolves once
   * that commit is on disk. Every write goes through here (or `transaction`):
   * the database is handed out only inside them, so no statement can run
   * beside an open group and join it unannounced.
   */
  write<T>(statement: (db: QueryDb) => PromiseLike<T>): Promise<T>;
  /**
   * Runs a prepared select of exactly `columns`, in their order, and returns
   * the rows drizzle would. SQLite reads them as arrays through a decoder
   * built once per column set; Postgres lets drizzle map them.
   */
  selectColumns<T>(query: PreparedQuery<T[]>, columns: Record<string, Column>, values: PlaceholderValues): Promise<T[]>;
  /**
   * Runs `body` as one transaction: every statement it runs through the `tx`
   * it is given commits together or not at all, and the promise resolves once
   * that commit is durable. SQLite runs one body at a time inside the write
   * lock (a savepoint in the open group commit), so what the body reads stays
   * true until it commits; Postgres runs READ COMMITTED, so bodies lock the
   * rows they decide on (FOR UPDATE) and are retried whole after a deadlock.
   */
  transaction<T>(body: (tx: QueryDb) => Promise<T>): Promise<T>;
  /** Adds `FOR UPDATE` (Postgres) to a select that decides a write; SQLite's write lock already covers it. */
  forUpdate: 'for update' | '';
  /** `FOR UPDATE SKIP LOCKED` on Postgres, so concurrent claimers pass over each other's rows. */
  forUpdateSkipLocked: 'for update skip locked' | '';
}

/** What only SQLite does, each run in step with the group commit on the one connection that serves requests. */
export interface SqliteDuties {
  path: string;
  /**
   * Runs `body` synchronously as one IMMEDIATE transaction of its own, once the
   * open group commit has committed (so it never joins the tasks' transaction),
   * with synchronous = NORMAL: the tool-call log's batches, which may lose
   * their last rows to a power cut but never hold a task write back.
   * `stillOpen` says whether SQLite kept the transaction after a failed
   * statement (it rolls back by itself on a full disk or an I/O error).
   */
  logBatch<T>(body: (db: BetterSQLite3Database, stillOpen: () => boolean) => T): T;
  /** A probe: whether another connection (another process) has committed since it was last asked. */
  watchOtherWriters(): () => boolean;
  /** Timed WAL checkpoints on this connection in place of SQLite's automatic ones (see wal-checkpoints.ts). */
  startCheckpoints(logger: Logger): { stop: () => void };
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  /** Where the data lives, safe to show (no password). */
  location: string;
  tables: Tables;
  dialect: DialectQueries;
  /** SQLite only: the duties that are SQLite's alone, as operations; the connection itself is never handed out. */
  sqlite?: SqliteDuties;
  /** Postgres only: a dedicated connection that hears NOTIFYs on `channel`, reconnecting after a drop. */
  postgres?: { listen: (channel: string, handlers: NotificationHandlers) => { close: () => Promise<void> } };
  /** How the latest writes went: health checks report a full disk from here. */
  writes: WriteWatch;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
