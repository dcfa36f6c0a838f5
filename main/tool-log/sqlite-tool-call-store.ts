import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type Sqlite from 'better-sqlite3';
import type { Logger } from '../../logging/logger';
import type { ToolCallSink } from '../../tool-log/repository-sink';
import { callsPerUser, createRetention, tokenUses } from '../../tool-log/log-rules';
import { apiTokens, toolCalls } from '../schema/sqlite-tables';
import type { ToolCallRow } from '../schema/row-types';

const placeholder = (name: string) => sql.placeholder(name);

/**
 * Stores tool-call batches on the connection that answers requests, each
 * batch as one synchronous transaction. Synchronous matters: no other
 * request's statement can run inside the transaction, and there is only one
 * writer in the process, so a task write never waits on the log's lock (a
 * second connection made adds sleep in SQLite's busy handler).
 *
 * A batch commits with `synchronous = NORMAL`, so it does not wait for the
 * disk: a power cut may lose the last log rows (the next task commit, with
 * FULL, syncs them too), while tasks keep FULL's guarantee.
 */
export function createSqliteToolCallSink(options: {
  db: BetterSQLite3Database;
  client: Sqlite.Database;
  /** Commits task writes waiting in a group commit, so a batch never joins (and never loosens the sync of) their transaction. */
  commitPendingWrites: () => void;
  retention: number;
  logger: Logger;
}): ToolCallSink {
  const { db, client, commitPendingWrites, logger } = options;
  const retention = createRetention(options.retention);
  const insertCall = db
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
    .prepare();
  const recordUse = db
    .update(apiTokens)
    .set({
      callCount: sql`${apiTokens.callCount} + ${placeholder('calls')}`,
      // Never back: token sightings (any authenticated request) write this too.
      lastUsedAt: sql`case when ${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${placeholder('lastUsedAt')} then ${placeholder('lastUsedAt')} else ${apiTokens.lastUsedAt} end`,
    })
    .where(eq(apiTokens.id, placeholder('tokenId')))
    .prepare();
  const countCalls = db
    .select({ n: count() })
    .from(toolCalls)
    .where(eq(toolCalls.userId, placeholder('userId')))
    .prepare();
  const deleteOldest = db
    .delete(toolCalls)
    .where(
      and(
        eq(toolCalls.userId, placeholder('userId')),
        inArray(
          toolCalls.id,
          db
            .select({ id: toolCalls.id })
            .from(toolCalls)
            .where(eq(toolCalls.userId, placeholder('userId')))
            .orderBy(asc(toolCalls.createdAt), asc(toolCalls.id))
            .limit(placeholder('excess')),
        ),
      ),
    )
    .prepare();

  const writeBatch = client.transaction((batch: ToolCallRow[]) => {
    for (const use of tokenUses(batch)) recordUse.run({ ...use });
    const inserted: ToolCallRow[] = [];
    for (const row of batch) {
      try {
        insertCall.run({ ...row, result: row.result === null ? null : JSON.stringify(row.result) });
        inserted.push(row);
      } catch (error) {
        // A failed statement leaves the transaction open unless SQLite had to
        // roll it back (disk full, I/O error): then nothing of the batch stays.
        if (!client.inTransaction) throw error;
        logger.error({ err: error, callId: row.id, tool: row.tool }, 'could not write a tool-call log entry');
      }
    }
    for (const [userId, added] of callsPerUser(inserted)) {
      const stored = retention.countAfter(userId, added) ?? countCalls.get({ userId })?.n ?? 0;
      const excess = retention.excess(userId, stored);
      if (excess > 0) deleteOldest.run({ userId, excess });
    }
  });

  return {
    write(batch) {
      commitPendingWrites();
      client.pragma('synchronous = NORMAL');
      try {
        writeBatch.immediate(batch);
        retention.batchWritten();
        return Promise.resolve();
      } catch (error) {
        retention.forget();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        client.pragma('synchronous = FULL');
      }
    },
    close: () => Promise.resolve(),
  };
}
