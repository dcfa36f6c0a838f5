import type Sqlite from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/**
 * Applies drizzle-kit's SQLite migrations, keeping drizzle's own bookkeeping
 * table. drizzle's SQLite migrator reads the last applied migration before it
 * begins a deferred transaction, so two processes starting together could
 * both apply the same migration; here the read and the writes share one
 * BEGIN IMMEDIATE transaction, so the second process waits and then finds
 * nothing left to do.
 */
export function applySqliteMigrations(client: Sqlite.Database, folder: string): void {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const apply = client.transaction(() => {
    client.exec(
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
    );
    const last = client
      .prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1')
      .get() as { created_at: number } | undefined;
    const record = client.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const migration of migrations) {
      if (last && last.created_at >= migration.folderMillis) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) client.exec(statement);
      }
      record.run(migration.hash, migration.folderMillis);
    }
  });
  apply.immediate();
}
