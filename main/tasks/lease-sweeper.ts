import type { Logger } from '../logging/logger';

/** How often a long-running server ends claims whose lease ran out. */
export const LEASE_SWEEP_MS = 1000;

/**
 * Ends lapsed claims without waiting for a request to touch their tasks, so
 * the task shows as ready again (and the UI hears of it) within about a
 * second of its lease running out, and the history records the expiry. Every
 * process may sweep: the sweep locks what it ends (SKIP LOCKED on Postgres,
 * the write lock on SQLite), so two never record one expiry twice.
 */
export function startLeaseSweeper(deps: {
  expireLapsedClaims: () => Promise<number>;
  logger: Logger;
  intervalMs?: number;
}) {
  const { expireLapsedClaims, logger, intervalMs = LEASE_SWEEP_MS } = deps;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireLapsedClaims()
      .then((ended) => {
        if (ended > 0) logger.info({ ended }, 'ended claims whose lease ran out');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'lease sweep failed; the next one retries'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
