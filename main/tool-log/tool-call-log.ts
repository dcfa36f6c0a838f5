import { EventEmitter } from 'node:events';
import type { ToolCall } from '../../shared/tool-call';
import type { ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { TokenRepository, TokenUse } from '../db/token-repository';
import type { Logger } from '../logging/logger';

export interface ToolCallLogOptions {
  calls: ToolCallRepository;
  tokens: TokenRepository;
  logger: Logger;
  /** How many calls to keep per user; older ones are pruned. */
  retention?: number;
  /** How long a call may wait in memory before it is written. */
  flushIntervalMs?: number;
}

export const DEFAULT_RETENTION = 10_000;
const RECOUNT_EVERY_FLUSHES = 1000;

export function toToolCall(row: ToolCallRow): ToolCall {
  return {
    id: row.id,
    created_at: row.createdAt,
    user: row.userId,
    client_label: row.clientLabel,
    tool: row.tool,
    arguments: row.arguments,
    outcome: row.outcome,
    error_code: row.errorCode as ToolCall['error_code'],
    result: row.result,
    duration_ms: row.durationMs,
    task_id: row.taskId,
  };
}

/**
 * The tool-call log. `record` is synchronous and cheap: it tells live
 * subscribers at once and queues the row; rows are written in batches, with
 * token usage, off the request path, so logging adds no database round trip
 * to a tool call. A crash can lose at most the last flush interval of log
 * entries, never a task.
 */
export function createToolCallLog(options: ToolCallLogOptions) {
  const { calls, tokens, logger, retention = DEFAULT_RETENTION, flushIntervalMs = 50 } = options;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let queue: ToolCallRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  // How many calls each user has stored, counted once and then kept up to
  // date, so retention costs a small delete from the old end of the index
  // rather than a scan of the whole log. Recounted now and then, because
  // another process sharing a Postgres database may be logging too.
  const stored = new Map<string, number>();
  let flushesSinceRecount = 0;

  async function enforceRetention(userId: string, added: number): Promise<void> {
    const known = stored.get(userId);
    const count = known === undefined ? await calls.count(userId) : known + added;
    if (count > retention) await calls.deleteOldest(userId, count - retention);
    stored.set(userId, Math.min(count, retention));
  }

  /** Inserts a batch; if the batch is refused, inserts row by row so one bad row costs only itself. */
  async function insert(batch: ToolCallRow[]): Promise<void> {
    try {
      await calls.insertMany(batch);
    } catch (error) {
      if (batch.length === 1) throw error;
      for (const row of batch) {
        await calls.insertMany([row]).catch((rowError: unknown) => {
          logger.error({ err: rowError, callId: row.id, tool: row.tool }, 'could not write a tool-call log entry');
        });
      }
    }
  }

  async function write(batch: ToolCallRow[]): Promise<void> {
    await tokens.recordUse(tokenUses(batch));
    await insert(batch);
    if (++flushesSinceRecount >= RECOUNT_EVERY_FLUSHES) {
      flushesSinceRecount = 0;
      stored.clear();
    }
    const added = new Map<string, number>();
    for (const row of batch) added.set(row.userId, (added.get(row.userId) ?? 0) + 1);
    for (const [userId, count] of added) await enforceRetention(userId, count);
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    flushing = flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await write(batch);
      } catch (error) {
        logger.error({ err: error, dropped: batch.length }, 'could not write tool-call log entries');
      }
    });
    return flushing;
  }

  return {
    record(row: ToolCallRow): void {
      queue.push(row);
      if (events.listenerCount('call') > 0) events.emit('call', toToolCall(row));
      timer ??= setTimeout(() => void flush(), flushIntervalMs);
    },

    /** Calls `listener` for every call recorded from now on; returns the way to stop. */
    subscribe(listener: (call: ToolCall) => void): () => void {
      events.on('call', listener);
      return () => events.off('call', listener);
    },

    flush,

    async recent(userId: string, limit: number): Promise<ToolCall[]> {
      await flush();
      return (await calls.recent(userId, limit)).map(toToolCall);
    },

    close: flush,
  };
}

export type ToolCallLog = ReturnType<typeof createToolCallLog>;

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
