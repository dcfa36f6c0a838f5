import type { TokenUse } from '../db/token-repository';
import type { ToolCallRow } from '../db/tool-call-repository';

// Another process sharing the database (a second server on Postgres, `taskdesk
// stdio` on SQLite) may be logging too, so per-user counts are taken afresh now and then.
const RECOUNT_EVERY_WRITES = 1000;

/** Each token's share of a batch: how many calls, and the latest. */
export function tokenUses(batch: readonly ToolCallRow[]): TokenUse[] {
  const uses = new Map<string, TokenUse>();
  for (const row of batch) {
    if (!row.tokenId) continue;
    const use = uses.get(row.tokenId) ?? { tokenId: row.tokenId, calls: 0, lastUsedAt: row.createdAt };
    use.calls += 1;
    if (row.createdAt > use.lastUsedAt) use.lastUsedAt = row.createdAt;
    uses.set(row.tokenId, use);
  }
  return [...uses.values()];
}

/** How many of a batch's rows belong to each user. */
export function callsPerUser(rows: readonly ToolCallRow[]): Map<string, number> {
  const added = new Map<string, number>();
  for (const row of rows) added.set(row.userId, (added.get(row.userId) ?? 0) + 1);
  return added;
}

/**
 * Retention of the newest `retention` calls per user. Counts are kept in
 * memory after one count, so retention costs a small delete from the old end
 * of the index rather than a scan of the whole log. The sinks do the reading
 * and deleting; this decides how much.
 */
export function createRetention(retention: number) {
  const stored = new Map<string, number>();
  let writes = 0;
  return {
    /** A user's count once `added` rows are in, or undefined when it must be read from the database. */
    countAfter(userId: string, added: number): number | undefined {
      const known = stored.get(userId);
      return known === undefined ? undefined : known + added;
    },
    /** Given a user's count with the new rows in: how many of the oldest to delete. */
    excess(userId: string, count: number): number {
      stored.set(userId, Math.min(count, retention));
      return Math.max(0, count - retention);
    },
    /** Called once per stored batch. */
    batchWritten(): void {
      if (++writes % RECOUNT_EVERY_WRITES === 0) stored.clear();
    },
    /** A write was rolled back: whatever was counted for it did not stay. */
    forget: (): void => stored.clear(),
  };
}
