import type { DatabaseKind } from './database';
import { besideModule } from '../module-path';

/**
 * The committed migration folders. A packaged app ships them as resources and
 * passes their location instead (`base`, from AppConfig's resources).
 */
export function migrationsDir(kind: DatabaseKind, base: string | undefined): string {
  const folder = kind === 'sqlite' ? 'sqlite' : 'postgres';
  return base ? `${base}/${folder}` : besideModule(`./migrations/${folder}`, import.meta.url);
}
