import { getTableName, sql, type Table } from 'drizzle-orm';
import type { Logger } from '../../logging/logger';
import type { DatabaseHandle, QueryDb } from '../database';

/** How often the keeper looks; autovacuum's own default interval (autovacuum_naptime). */
export const STATISTICS_CHECK_MS = 60_000;

/**
 * The TaskDesk tables whose statistics nothing keeps fresh: autovacuum is off
 * (for the server, or for the table), and more rows changed since the last
 * ANALYZE than autovacuum's own threshold allows. With autovacuum on, as
 * Postgres ships, this is always empty.
 */
async function staleTables(db: QueryDb, names: readonly string[]): Promise<string[]> {
  const result = await db.execute<{ name: string }>(sql`
    select s.relname as name
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.schemaname = current_schema()
       and s.relname in (${sql.join(
         names.map((name) => sql`${name}`),
         sql`, `,
       )})
       and (current_setting('autovacuum') = 'off'
            or coalesce(c.reloptions, '{}') && array['autovacuum_enabled=false', 'autovacuum_enabled=off'])
       and s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
                                 + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
     order by s.relname`);
  return result.rows.map((row) => row.name);
}

/** Analyses the stale tables (see staleTables) and returns their names. */
export async function analyseStaleTables(handle: DatabaseHandle): Promise<string[]> {
  const names = Object.values(handle.tables).map((table) => getTableName(table as Table));
  // Through write: ANALYZE writes the catalogue, and a failure here is one the health check should see.
  return handle.dialect.write(async (db) => {
    const stale = await staleTables(db, names);
    for (const name of stale) await db.execute(sql`analyze ${sql.identifier(name)}`);
    return stale;
  });
}

/**
 * Postgres plans every query from column statistics that ANALYZE gathers, and
 * autovacuum keeps them fresh. Where autovacuum is off nothing does, and a
 * table that grew without them is read through the wrong index: the ready
 * queue walked every open task on each claim (docs/performance.md). This does
 * autovacuum's analyse step, by its own threshold, for TaskDesk's tables that
 * autovacuum leaves alone, and nothing where it is on.
 */
export function startStatisticsKeeper(
  handle: DatabaseHandle,
  logger: Logger,
  intervalMs = STATISTICS_CHECK_MS,
): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const check = () => {
    running ??= analyseStaleTables(handle)
      .then((analysed) => {
        if (analysed.length > 0) logger.info({ tables: analysed }, 'analysed tables autovacuum leaves alone');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'ANALYZE of stale tables failed; the next check retries'))
      .finally(() => {
        running = undefined;
      });
  };
  check();
  const timer = setInterval(check, intervalMs).unref();
  return {
    // Waits for a check under way, so the pool is not closed beneath it.
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
