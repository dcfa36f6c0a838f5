import type { ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { TokenRepository, TokenUse } from '../db/token-repository';
import type { Logger } from '../logging/logger';

/** Where batches of tool-call rows go to be stored. */
export interface ToolCallSink {
  write: (batch: ToolCallRow[]) => Promise<void>;
  close: () => Promise<void>;
}

// Another process sharing a Postgres database may be logging too, so the
// per-user counts are taken afresh now and then.
const RECOUNT_EVERY_WRITES = 1000;

/**
 * Stores batches through the repositories: the rows, each token's usage, and
 * retention. Counts per user are kept in memory after one count, so
 * retention costs a small delete from the old end of the index rather than a
 * scan of the whole log.
 */
export function createRepositorySink(options: {
  calls: ToolCallRepository;
  tokens: TokenRepository;
  retention: number;
  logger: Logger;
}): ToolCallSink {
  const { calls, tokens, retention, logger } = options;
  const stored = new Map<string, number>();
  let writes = 0;

  async function enforceRetention(userId: string, added: number): Promise<void> {
    const known = stored.get(userId);
    const count = known === undefined ? await calls.count(userId) : known + added;
    if (count > retention) await calls.deleteOldest(userId, count - retention);
    stored.set(userId, Math.min(count, retention));
  }

  /** Inserts a batch; if the batch is refused, inserts row by row so one bad row costs only itself. Returns what went in. */
  async function insert(batch: ToolCallRow[]): Promise<ToolCallRow[]> {
    try {
      await calls.insertMany(batch);
      return batch;
    } catch (error) {
      if (batch.length === 1) throw error;
      const inserted: ToolCallRow[] = [];
      for (const row of batch) {
        try {
          await calls.insertMany([row]);
          inserted.push(row);
        } catch (rowError) {
          logger.error({ err: rowError, callId: row.id, tool: row.tool }, 'could not write a tool-call log entry');
        }
      }
      return inserted;
    }
  }

  return {
    async write(batch) {
      try {
        await tokens.recordUse(tokenUses(batch));
        const inserted = await insert(batch);
        if (++writes % RECOUNT_EVERY_WRITES === 0) stored.clear();
        const added = new Map<string, number>();
        for (const row of inserted) added.set(row.userId, (added.get(row.userId) ?? 0) + 1);
        for (const [userId, count] of added) await enforceRetention(userId, count);
      } catch (error) {
        // The caller may roll back what was written; the counts must not believe it stayed.
        stored.clear();
        throw error;
      }
    },
    close: () => Promise.resolve(),
  };
}

function tokenUses(batch: ToolCallRow[]): TokenUse[] {
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
