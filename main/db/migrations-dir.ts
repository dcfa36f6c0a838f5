import type { DatabaseKind } from './database';
import { besideModule } from '../module-path';

/**
 * The committed migration folders. A packaged app ships them as resources and
 * passes their location instead (TASKDESK_MIGRATIONS_DIR).
 */
export function migrationsDir(kind: DatabaseKind): string {
  const base = process.env.TASKDESK_MIGRATIONS_DIR;
  const folder = kind === 'sqlite' ? 'sqlite' : 'postgres';
  return base ? `${base}/${folder}` : besideModule(`./migrations/${folder}`, import.meta.url);
}
