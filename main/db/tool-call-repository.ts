import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import { createPreparedQueries } from './prepared-queries';
import type { ToolCallRow } from './schema/row-types';

export type { ToolCallRow };

// SQLite allows 32,766 bound parameters per statement; at 12 columns a row
// this keeps each multi-row insert well inside that.
const ROWS_PER_INSERT = 500;

export function createToolCallRepository(handle: DatabaseHandle) {
  const { db, dialect } = handle;
  const { toolCalls } = handle.tables;
  const prepared = createPreparedQueries('tool_calls');
  return {
    async insertMany(rows: ToolCallRow[]): Promise<void> {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        await dialect.write(() => db.insert(toolCalls).values(rows.slice(start, start + ROWS_PER_INSERT)));
      }
    },

    /** Newest first. */
    recent(userId: string, limit: number): Promise<ToolCallRow[]> {
      return dialect.read(() =>
        db
          .select()
          .from(toolCalls)
          .where(eq(toolCalls.userId, userId))
          .orderBy(desc(toolCalls.createdAt), desc(toolCalls.id))
          .limit(limit),
      );
    },

    /**
     * Calls that came in without a token, i.e. over `taskdesk stdio` in
     * another process, since `after`, oldest first. The server itself never
     * writes such rows: every HTTP call carries a token.
     */
    tokenlessSince(userId: string, after: string, limit: number): Promise<ToolCallRow[]> {
      return dialect.read(() =>
        db
          .select()
          .from(toolCalls)
          .where(and(eq(toolCalls.userId, userId), gt(toolCalls.createdAt, after), isNull(toolCalls.tokenId)))
          .orderBy(asc(toolCalls.createdAt), asc(toolCalls.id))
          .limit(limit),
      );
    },

    async count(userId: string): Promise<number> {
      const [row] = await dialect.read(() =>
        db
          .select({ n: sql<number | string>`count(*)` })
          .from(toolCalls)
          .where(eq(toolCalls.userId, userId)),
      );
      return Number(row?.n ?? 0);
    },

    /** Deletes a user's `count` oldest calls: an index range from the old end, however long the log. */
    async deleteOldest(userId: string, count: number): Promise<void> {
      // Prepared: an unprepared SQLite delete would run a microtask late, outside dialect.write's reach.
      await dialect.write(() =>
        prepared.run(
          'delete-oldest',
          () => {
            const oldest = db
              .select({ id: toolCalls.id })
              .from(toolCalls)
              .where(eq(toolCalls.userId, sql.placeholder('userId')))
              .orderBy(asc(toolCalls.createdAt), asc(toolCalls.id))
              .limit(sql.placeholder('count'));
            return db
              .delete(toolCalls)
              .where(and(eq(toolCalls.userId, sql.placeholder('userId')), inArray(toolCalls.id, oldest)));
          },
          { userId, count },
        ),
      );
    },
  };
}

export type ToolCallRepository = ReturnType<typeof createToolCallRepository>;
