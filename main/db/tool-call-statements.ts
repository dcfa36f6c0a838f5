import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { QueryDb, ReadDb, Tables } from './database';

const placeholder = (name: string) => sql.placeholder(name);

/**
 * The tool-call log's write statements, written once for both dialects and
 * both ways of running them: the repository prepares them and runs them
 * asynchronously (Postgres), the SQLite store prepares them on its own
 * connection and runs them synchronously inside one transaction. Every value
 * is a placeholder.
 */

/** Adds `calls` to a token's count and moves its last use to `lastUsedAt`, never back (sightings write it too). */
export function recordTokenUse(db: QueryDb, { apiTokens }: Tables) {
  return db
    .update(apiTokens)
    .set({
      callCount: sql`${apiTokens.callCount} + ${placeholder('calls')}`,
      lastUsedAt: sql`case when ${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${placeholder('lastUsedAt')} then ${placeholder('lastUsedAt')} else ${apiTokens.lastUsedAt} end`,
    })
    .where(eq(apiTokens.id, placeholder('tokenId')));
}

/** How many calls `userId` has in the log. */
export function countCalls(db: ReadDb, { toolCalls }: Tables) {
  return db
    .select({ n: count() })
    .from(toolCalls)
    .where(eq(toolCalls.userId, placeholder('userId')));
}

/** Deletes `userId`'s `excess` oldest calls: an index range from the old end, however long the log. */
export function deleteOldestCalls(db: QueryDb, { toolCalls }: Tables) {
  const oldest = db
    .select({ id: toolCalls.id })
    .from(toolCalls)
    .where(eq(toolCalls.userId, placeholder('userId')))
    .orderBy(asc(toolCalls.createdAt), asc(toolCalls.id))
    .limit(placeholder('excess'));
  return db.delete(toolCalls).where(and(eq(toolCalls.userId, placeholder('userId')), inArray(toolCalls.id, oldest)));
}
