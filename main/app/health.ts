import type { Health } from '../../shared/envelope';
import type { DatabaseHandle } from '../db/database';
import type { Logger } from '../logging/logger';
import { VERSION } from './version';

/** Liveness facts for health_check and /healthz, read fresh on every call. */
export function createHealth(handle: DatabaseHandle, logger: Logger) {
  const startedAt = Date.now();
  const databaseReachable = () =>
    handle.ping().then(
      () => true,
      (error: unknown) => {
        logger.warn({ err: error }, 'database did not answer a health check');
        return false;
      },
    );
  return {
    databaseReachable,
    /** Why the database cannot do its job though it answers (a full disk), or undefined. */
    storageProblem: () => handle.writes.problem(),
    report: async (): Promise<Health> => {
      const reachable = await databaseReachable();
      const problem = reachable ? handle.writes.problem() : 'the database does not answer';
      return {
        version: VERSION,
        database: { kind: handle.kind, reachable, ...(problem ? { problem } : {}) },
        uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  };
}
