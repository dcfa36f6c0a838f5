import type { ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { Logger } from '../logging/logger';

// Often enough that a call made over stdio shows in the Activity view within a
// few hundred milliseconds (the other process also batches its log for 50 ms).
const POLL_MS = 100;
// The other process writes its log a little after each call starts; rows can
// land with a start time just behind what was already read.
const LOOKBACK_MS = 2000;
const BATCH = 200;
const SEEN_MAX = 5000;

/**
 * Agents that only speak stdio (Claude Desktop) run `taskdesk stdio` as a
 * process of their own, sharing the database but not this process's events.
 * While a UI is listening, their calls are read from the shared tool-call log
 * and announced through this process's log like local ones, for the Activity
 * view. The tasks they change reach the UI through the change log, like every
 * change (see live/change-feed.ts).
 */
export function startStdioCallsFeed(deps: {
  calls: ToolCallRepository;
  /** The users someone is watching: nobody else's calls are read. */
  watchedUsers: () => string[];
  announce: (row: ToolCallRow) => void;
  logger: Logger;
}) {
  const { calls, watchedUsers, announce: tell, logger } = deps;
  const seen = new Set<string>();
  let since = new Date().toISOString();
  let running = false;

  async function announce(userId: string): Promise<void> {
    const after = new Date(Date.parse(since) - LOOKBACK_MS).toISOString();
    for (const row of await calls.tokenlessSince(userId, after, BATCH)) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      if (row.createdAt > since) since = row.createdAt;
      tell(row);
    }
    for (const id of seen) {
      if (seen.size <= SEEN_MAX) break;
      seen.delete(id);
    }
  }

  const timer = setInterval(() => {
    const users = watchedUsers();
    if (running || users.length === 0) return;
    running = true;
    Promise.all(users.map(announce))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not read calls made over stdio'))
      .finally(() => (running = false));
  }, POLL_MS);
  timer.unref();

  return { stop: () => clearInterval(timer) };
}
