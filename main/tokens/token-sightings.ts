import type { TokenRepository } from '../db/token-repository';
import type { Logger } from '../logging/logger';

// Often enough for "active now" to be true within seconds, rarely enough
// that a client polling many times a second costs one small write.
const FLUSH_MS = 2000;

/**
 * Remembers when each token last authenticated a request (any request:
 * tools/list and a health probe count, not only tool calls) and writes the
 * latest time per token in batches, off the request path.
 */
export function createTokenSightings(deps: {
  tokens: Pick<TokenRepository, 'recordSeen'>;
  logger: Logger;
  /** Told which tokens were written, so their cards can update live. */
  onWritten: (tokenIds: string[]) => Promise<void>;
  clock?: () => Date;
  flushMs?: number;
}) {
  const { tokens, logger, onWritten, clock = () => new Date(), flushMs = FLUSH_MS } = deps;
  let pending = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    writing = writing.then(async () => {
      if (batch.size === 0) return;
      try {
        await tokens.recordSeen([...batch].map(([tokenId, at]) => ({ tokenId, at })));
        await onWritten([...batch.keys()]);
      } catch (error) {
        logger.warn({ err: error, tokens: batch.size }, 'could not record when tokens were last seen');
      }
    });
    return writing;
  }

  return {
    seen(tokenId: string): void {
      pending.set(tokenId, clock().toISOString());
      timer ??= setTimeout(() => void flush(), flushMs).unref();
    },
    flush,
  };
}

export type TokenSightings = ReturnType<typeof createTokenSightings>;
