import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql, type Column } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DatabaseHandle, QueryDb, SqliteDuties, Tables } from '../database';
import { watchOtherWriters } from './data-version';
import { startWalCheckpoints } from './wal-checkpoints';
import { DatabaseUnavailableError } from '../database-errors';
import { migrationsDir } from '../migrations-dir';
import * as sqliteTables from '../schema/sqlite-tables';
import { applySqliteMigrations } from './migrate-sqlite';
import { createGroupCommit } from './group-commit';
import { rowDecoder } from './row-decoder';
import { createWriteWatch } from '../storage-failure';
import type { PlaceholderValues, PreparedQuery } from '../prepared-queries';

/** How long a writer waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) a SQLite file and brings its schema up to date.
 *
 * Pragmas: WAL so readers never block the writer; foreign keys on (SQLite
 * leaves them off by default); `synchronous = FULL` so a commit is on disk
 * before it is acknowledged. NORMAL would survive a killed process but can
 * lose the last commits on power loss, and a task an agent was told is saved
 * must still be there after a laptop's battery dies. Task writes come at
 * human and agent pace, so the extra fsync per commit is affordable. (The
 * tool-call log commits its batches with NORMAL; see tool-log/sqlite-tool-call-store.ts.)
 */
/**
 * A SQLite handle, and for SQLite's own tests its connection: every other
 * module takes the DatabaseHandle, which never hands the connection out.
 */
export type SqliteHandle = DatabaseHandle & { sqlite: SqliteDuties; connection: Sqlite.Database };

export function openSqlite(filePath: string, migrationsBase?: string): SqliteHandle {
  const client = openFile(filePath);
  try {
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = FULL');
    client.pragma('foreign_keys = ON');
    client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    applySqliteMigrations(client, migrationsDir('sqlite', migrationsBase));
  } catch (error) {
    client.close();
    throw new DatabaseUnavailableError(`cannot use SQLite database at ${filePath}: ${(error as Error).message}`);
  }
  // Typed as the Postgres database: sound because the row types of both dialects' tables are proven
  // equal (schema/row-types.ts) and drizzle renders SQL from the runtime object.
  const sqliteDb = drizzle({ client });
  const db = sqliteDb as unknown as QueryDb;
  const groupCommit = createGroupCommit(client);
  const writes = createWriteWatch(() => {
    const disk = fs.statfsSync(path.dirname(filePath));
    return disk.bavail * disk.bsize;
  });
  return {
    kind: 'sqlite',
    location: filePath,
    tables: sqliteTables as unknown as Tables,
    sqlite: {
      path: filePath,
      logBatch(body) {
        groupCommit.commitNow();
        client.pragma('synchronous = NORMAL');
        try {
          return client.transaction(() => body(sqliteDb, () => client.inTransaction)).immediate();
        } finally {
          client.pragma('synchronous = FULL');
        }
      },
      watchOtherWriters: () => watchOtherWriters(client),
      startCheckpoints: (logger) => startWalCheckpoints({ client, commitPendingWrites: groupCommit.commitNow }, logger),
    },
    connection: client,
    dialect: {
      countFrom: (table, index) => sql.raw(`"${table}" indexed by "${index}"`),
      tagsContain: (tags, tag) => sql`exists (select 1 from json_each(${tags}) where json_each.value = ${tag})`,
      inIdList: (column, ids) => sql`${column} in (select value from json_each(${ids}))`,
      idList: (ids) => JSON.stringify(ids),
      read: (query) =>
        groupCommit.idle().then(() => {
          groupCommit.commitNow();
          return query(db);
        }),
      readWithoutWaiting: (query) => query(db),
      write: (statement) => writes.around(() => groupCommit.write(() => statement(db))),
      transaction: (body) => writes.around(() => groupCommit.transaction(() => body(db))),
      forUpdate: '',
      forUpdateSkipLocked: '',
      // eslint-disable-next-line @typescript-eslint/require-await -- async so that a failing statement rejects rather than throws
      selectColumns: async <T>(
        query: PreparedQuery<T[]>,
        columns: Record<string, Column>,
        values: PlaceholderValues,
      ) => {
        // A SQLite prepared select also offers its rows as arrays (`values`); see database.ts.
        const rows = (query as unknown as { values: (values: PlaceholderValues) => unknown[][] }).values(values);
        return rows.map(rowDecoder(columns)) as T[];
      },
    },
    writes,
    ping: () => {
      client.prepare('select 1').get();
      return Promise.resolve();
    },
    close: () => {
      groupCommit.commitNow();
      if (client.open) client.close();
      return Promise.resolve();
    },
  };
}

// Enough for every statement shape the repositories build, with room to spare.
const STATEMENT_CACHE_SIZE = 256;

/**
 * drizzle prepares a statement for every query it runs; preparing costs as
 * much as running a small query. This connection hands back the statement it
 * prepared last time for the same SQL. drizzle switches a statement into raw
 * mode when it wants rows as arrays and never switches it back, so a reused
 * statement is reset to the default first.
 */
class StatementCachingDatabase extends Sqlite {
  private readonly statements = new Map<string, Sqlite.Statement>();

  override prepare<P extends unknown[] | object = unknown[], R = unknown>(source: string): Sqlite.Statement<P, R> {
    const cached = this.statements.get(source);
    // A statement still being iterated cannot be run again; hand out a fresh one.
    if (cached?.busy) return super.prepare<P, R>(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached as Sqlite.Statement<P, R>;
    }
    const statement = super.prepare<P, R>(source);
    if (this.statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    this.statements.set(source, statement);
    return statement;
  }
}

function openFile(filePath: string): Sqlite.Database {
  const directory = path.dirname(filePath);
  if (!fs.existsSync(directory)) {
    throw new DatabaseUnavailableError(
      `cannot open SQLite database at ${filePath}: folder ${directory} does not exist`,
    );
  }
  try {
    return new StatementCachingDatabase(filePath);
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot open SQLite database at ${filePath}: ${(error as Error).message}`);
  }
}
