import type { ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { TokenRepository } from '../db/token-repository';
import type { Logger } from '../logging/logger';
import { callsPerUser, createRetention, tokenUses } from './log-rules';
import type { ToolCallStore } from './tool-call-store';

/**
 * Stores batches through the repositories: the rows, each token's usage, and
 * retention. For Postgres, reached asynchronously through its pool; SQLite
 * has its own synchronous store (sqlite-tool-call-store.ts).
 */
export function createPostgresToolCallStore(options: {
  calls: ToolCallRepository;
  tokens: TokenRepository;
  retention: number;
  logger: Logger;
}): ToolCallStore {
  const { calls, tokens, logger } = options;
  const retention = createRetention(options.retention);

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
        retention.batchWritten();
        for (const [userId, added] of callsPerUser(inserted)) {
          const count = retention.countAfter(userId, added) ?? (await calls.count(userId));
          const excess = retention.excess(userId, count);
          if (excess > 0) await calls.deleteOldest(userId, excess);
        }
      } catch (error) {
        retention.forget();
        throw error;
      }
    },
    close: () => Promise.resolve(),
  };
}
