import { sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { QueryDb, SqliteDuties, Tables } from '../db/database';
import type { PlaceholderValues } from '../db/prepared-queries';
import { toolCalls } from '../db/schema/sqlite-tables';
import type { ToolCallRow } from '../db/schema/row-types';
import { countCalls as countCallsQuery, deleteOldestCalls, recordTokenUse } from '../db/tool-call-statements';
import type { Logger } from '../logging/logger';
import { callsPerUser, createRetention, tokenUses } from './log-rules';
import type { ToolCallStore } from './tool-call-store';

const placeholder = (name: string) => sql.placeholder(name);

/**
 * Stores tool-call batches on the connection that answers requests, each
 * batch as one synchronous transaction (SqliteDuties.logBatch). Synchronous matters: no other
 * request's statement can run inside the transaction, and there is only one
 * writer in the process, so a task write never waits on the log's lock (a
 * second connection made adds sleep in SQLite's busy handler).
 *
 * A batch commits with `synchronous = NORMAL`, so it does not wait for the
 * disk: a power cut may lose the last log rows (the next task commit, with
 * FULL, syncs them too), while tasks keep FULL's guarantee.
 */
export function createSqliteToolCallStore(options: {
  sqlite: SqliteDuties;
  tables: Tables;
  retention: number;
  logger: Logger;
}): ToolCallStore {
  const { sqlite, logger, tables } = options;
  const retention = createRetention(options.retention);
  let statements: ReturnType<typeof prepareStatements> | undefined;

  function writeBatch(db: BetterSQLite3Database, stillOpen: () => boolean, batch: ToolCallRow[]): void {
    // Prepared once, on the first batch: logBatch hands out the same connection every time.
    const { insertCall, recordUse, countCalls, deleteOldest } = (statements ??= prepareStatements(db, tables));
    for (const use of tokenUses(batch)) recordUse.run({ ...use });
    const inserted: ToolCallRow[] = [];
    for (const row of batch) {
      try {
        insertCall.run({ ...row, result: row.result === null ? null : JSON.stringify(row.result) });
        inserted.push(row);
      } catch (error) {
        // A failed statement leaves the transaction open unless SQLite had to
        // roll it back (disk full, I/O error): then nothing of the batch stays.
        if (!stillOpen()) throw error;
        logger.error({ err: error, callId: row.id, tool: row.tool }, 'could not write a tool-call log entry');
      }
    }
    for (const [userId, added] of callsPerUser(inserted)) {
      const stored =
        retention.countAfter(userId, added) ?? (countCalls.get({ userId }) as { n: number } | undefined)?.n ?? 0;
      const excess = retention.excess(userId, stored);
      if (excess > 0) deleteOldest.run({ userId, excess });
    }
  }

  return {
    write(batch) {
      try {
        sqlite.logBatch((db, stillOpen) => writeBatch(db, stillOpen, batch));
        retention.batchWritten();
        return Promise.resolve();
      } catch (error) {
        retention.forget();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close: () => Promise.resolve(),
  };
}

/** The insert, and the shared statements (see tool-call-statements.ts), prepared on the SQLite connection to run synchronously. */
function prepareStatements(db: BetterSQLite3Database, tables: Tables) {
  const queryDb = db as unknown as QueryDb;
  const runnable = (query: { prepare: (name: string) => unknown }) =>
    query.prepare('') as { run: (values: PlaceholderValues) => void; get: (values: PlaceholderValues) => unknown };
  return {
    insertCall: db
      .insert(toolCalls)
      .values({
        id: placeholder('id'),
        userId: placeholder('userId'),
        tokenId: placeholder('tokenId'),
        clientLabel: placeholder('clientLabel'),
        tool: placeholder('tool'),
        arguments: placeholder('arguments'),
        outcome: placeholder('outcome'),
        errorCode: placeholder('errorCode'),
        // Bound as JSON text or SQL NULL: drizzle's JSON encoding would store a null result as the text 'null'.
        result: sql`${placeholder('result')}`,
        durationMs: placeholder('durationMs'),
        taskId: placeholder('taskId'),
        createdAt: placeholder('createdAt'),
      })
      .prepare(),
    recordUse: runnable(recordTokenUse(queryDb, tables)),
    countCalls: runnable(countCallsQuery(queryDb, tables)),
    deleteOldest: runnable(deleteOldestCalls(queryDb, tables)),
  };
}
