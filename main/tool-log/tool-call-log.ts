import type { ToolCall } from '../../shared/tool-call';
import type { ToolCallFilters, ToolCallPosition, ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { WriteWatch } from '../db/storage-failure';
import type { Logger } from '../logging/logger';
import type { ToolCallStore } from './tool-call-store';

export interface ToolCallLogOptions {
  /** Where batches are stored. */
  store: ToolCallStore;
  /** Where the log is read back from. */
  calls: ToolCallRepository;
  logger: Logger;
  /** How long a call may wait in memory before it is written. */
  flushIntervalMs?: number;
  /** Told how each batch went, so a full disk shows in health checks and clears once a batch fits again. */
  writes?: Pick<WriteWatch, 'succeeded' | 'failed'>;
}

export const DEFAULT_RETENTION = 10_000;

export function toToolCall(row: ToolCallRow): ToolCall {
  return {
    id: row.id,
    created_at: row.createdAt,
    user: row.userId,
    client_label: row.clientLabel,
    token_id: row.tokenId,
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
 * subscribers at once and queues the row; rows are written in batches, off
 * the request path, so logging adds no database round trip to a tool call.
 * A crash can lose at most the last flush interval of log entries, never a task.
 */
export function createToolCallLog(options: ToolCallLogOptions) {
  const { store, calls, logger, flushIntervalMs = 50, writes } = options;
  const subscribers = new Set<{ listener: (call: ToolCall) => void; wants: (userId: string) => boolean }>();
  let queue: ToolCallRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    flushing = flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await store.write(batch);
        writes?.succeeded();
      } catch (error) {
        writes?.failed(error);
        logger.error({ err: error, dropped: batch.length }, 'could not write tool-call log entries');
      }
    });
    return flushing;
  }

  function notify(row: ToolCallRow): void {
    // Converted only when someone wants this user's calls: under load nobody usually does.
    let call: ToolCall | undefined;
    for (const { listener, wants } of subscribers) {
      if (!wants(row.userId)) continue;
      call ??= toToolCall(row);
      listener(call);
    }
  }

  return {
    record(row: ToolCallRow): void {
      queue.push(row);
      notify(row);
      timer ??= setTimeout(() => void flush(), flushIntervalMs);
    },

    /** A call another process logged (`taskdesk stdio`): told to subscribers like one recorded here, not written again. */
    announce: notify,

    /** Calls `listener` for every call recorded from now on (of the users `wants` picks); returns the way to stop. */
    subscribe(listener: (call: ToolCall) => void, wants: (userId: string) => boolean = () => true): () => void {
      const subscriber = { listener, wants };
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },

    flush,

    async recent(userId: string, limit: number): Promise<ToolCall[]> {
      await flush();
      return (await calls.recent(userId, limit)).map(toToolCall);
    },

    /** One page, newest first; calls still queued are written first, so a page never misses one already shown live. */
    async page(
      userId: string,
      filters: ToolCallFilters,
      limit: number,
      before?: ToolCallPosition,
    ): Promise<ToolCallRow[]> {
      await flush();
      return calls.page(userId, filters, limit, before);
    },

    facets: (userId: string) => calls.facets(userId),

    async close(): Promise<void> {
      await flush();
      await store.close();
    },
  };
}

export type ToolCallLog = ReturnType<typeof createToolCallLog>;
