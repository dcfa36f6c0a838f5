import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { ToolCallOutcome } from '../../shared/limits';
import type { DatabaseHandle } from './database';
import { createPreparedQueries } from './prepared-queries';
import { countCalls, deleteOldestCalls } from './tool-call-statements';
import type { ToolCallRow } from './schema/row-types';

export type { ToolCallRow };

/** What Activity narrows the log to; each is optional. */
export interface ToolCallFilters {
  outcome?: ToolCallOutcome | undefined;
  tool?: string | undefined;
  clientLabel?: string | undefined;
}

/** A keyset position in the log: the time and id of the last call already returned. */
export interface ToolCallPosition {
  createdAt: string;
  id: string;
}

// SQLite allows 32,766 bound parameters per statement; at 12 columns a row
// this keeps each multi-row insert well inside that.
const ROWS_PER_INSERT = 500;

export function createToolCallRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { toolCalls } = handle.tables;
  const prepared = createPreparedQueries('tool_calls');
  return {
    async insertMany(rows: ToolCallRow[]): Promise<void> {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        await dialect.write((db) => db.insert(toolCalls).values(rows.slice(start, start + ROWS_PER_INSERT)));
      }
    },

    /** Newest first. */
    recent(userId: string, limit: number): Promise<ToolCallRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(toolCalls)
          .where(eq(toolCalls.userId, userId))
          .orderBy(desc(toolCalls.createdAt), desc(toolCalls.id))
          .limit(limit),
      );
    },

    /**
     * One page of the log, newest first, after `before` (the last call of the
     * previous page). Each single filter walks an index in page order.
     */
    page(userId: string, filters: ToolCallFilters, limit: number, before?: ToolCallPosition): Promise<ToolCallRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(toolCalls)
          .where(
            and(
              eq(toolCalls.userId, userId),
              filters.outcome === undefined ? undefined : eq(toolCalls.outcome, filters.outcome),
              filters.tool === undefined ? undefined : eq(toolCalls.tool, filters.tool),
              filters.clientLabel === undefined ? undefined : eq(toolCalls.clientLabel, filters.clientLabel),
              before ? sql`(${toolCalls.createdAt}, ${toolCalls.id}) < (${before.createdAt}, ${before.id})` : undefined,
            ),
          )
          .orderBy(desc(toolCalls.createdAt), desc(toolCalls.id))
          .limit(limit),
      );
    },

    /** Every client label and tool in the user's retained log, sorted, for the filter choices. */
    async facets(userId: string): Promise<{ clients: string[]; tools: string[] }> {
      const distinct = async (column: typeof toolCalls.tool | typeof toolCalls.clientLabel) =>
        (
          await dialect.read((db) =>
            db.selectDistinct({ value: column }).from(toolCalls).where(eq(toolCalls.userId, userId)),
          )
        )
          .map((row) => row.value)
          // Sorted here: the dialects' collations order text differently.
          .sort();
      return { clients: await distinct(toolCalls.clientLabel), tools: await distinct(toolCalls.tool) };
    },

    /**
     * Calls that came in without a token, i.e. over `taskdesk stdio` in
     * another process, since `after`, oldest first. The server itself never
     * writes such rows: every HTTP call carries a token.
     */
    tokenlessSince(userId: string, after: string, limit: number): Promise<ToolCallRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(toolCalls)
          .where(and(eq(toolCalls.userId, userId), gt(toolCalls.createdAt, after), isNull(toolCalls.tokenId)))
          .orderBy(asc(toolCalls.createdAt), asc(toolCalls.id))
          .limit(limit),
      );
    },

    async count(userId: string): Promise<number> {
      const [row] = await dialect.read((db) => prepared.run('count', () => countCalls(db, handle.tables), { userId }));
      return row?.n ?? 0;
    },

    /** Deletes a user's `excess` oldest calls. */
    async deleteOldest(userId: string, excess: number): Promise<void> {
      // Prepared: an unprepared SQLite delete would run a microtask late, outside dialect.write's reach.
      await dialect.write((db) =>
        prepared.run('delete-oldest', () => deleteOldestCalls(db, handle.tables), { userId, excess }),
      );
    },
  };
}

export type ToolCallRepository = ReturnType<typeof createToolCallRepository>;
