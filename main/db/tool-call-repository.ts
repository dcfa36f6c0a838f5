import { and, desc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import type { ToolCallRow } from './schema/row-types';

export type { ToolCallRow };

// SQLite allows 32,766 bound parameters per statement; at 12 columns a row
// this keeps each multi-row insert well inside that.
const ROWS_PER_INSERT = 500;

export function createToolCallRepository(handle: DatabaseHandle) {
  const { db, dialect } = handle;
  const { toolCalls } = handle.tables;
  return {
    async insertMany(rows: ToolCallRow[]): Promise<void> {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        await db.insert(toolCalls).values(rows.slice(start, start + ROWS_PER_INSERT));
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

    /** Deletes all but the newest `keep` calls of a user; returns how many went. */
    async prune(userId: string, keep: number): Promise<number> {
      const [boundary] = await db
        .select({ createdAt: toolCalls.createdAt, id: toolCalls.id })
        .from(toolCalls)
        .where(eq(toolCalls.userId, userId))
        .orderBy(desc(toolCalls.createdAt), desc(toolCalls.id))
        .limit(1)
        .offset(keep);
      if (!boundary) return 0;
      const deleted = await db
        .delete(toolCalls)
        .where(
          and(
            eq(toolCalls.userId, userId),
            sql`(${toolCalls.createdAt}, ${toolCalls.id}) <= (${boundary.createdAt}, ${boundary.id})`,
          ),
        )
        .returning({ id: toolCalls.id });
      return deleted.length;
    },
  };
}

export type ToolCallRepository = ReturnType<typeof createToolCallRepository>;
