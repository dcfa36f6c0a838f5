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
    report: async (): Promise<Health> => ({
      version: VERSION,
      database: { kind: handle.kind, reachable: await databaseReachable() },
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  };
}
