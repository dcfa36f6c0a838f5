import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describeLocation, type DatabaseLocation } from '../config/database-location';
import { DatabaseUnavailableError, describePostgresFailure } from '../db/database-errors';

// Both dialects' migrators keep this table; a database without it has never held TaskDesk's.
const MIGRATIONS_TABLE = '__drizzle_migrations';

const CHECK_FLAGS = 'check --db and --data-dir (doctor and --dry-run only read a database; taskdesk serve creates one)';

function sqliteHoldsTaskDesk(file: string): boolean {
  let client: Sqlite.Database | undefined;
  try {
    client = new Sqlite(file, { readonly: true, fileMustExist: true });
    const found = client
      .prepare('select 1 from sqlite_master where type = ? and name = ?')
      .get('table', MIGRATIONS_TABLE);
    return found !== undefined;
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot read ${file} as a SQLite database: ${(error as Error).message}`);
  } finally {
    client?.close();
  }
}

async function postgresHoldsTaskDesk(url: string): Promise<boolean> {
  // The driver loads only when used, as in open-database.ts.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const found = await client.query<{ found: boolean }>(`select to_regclass($1) is not null as found`, [
      `drizzle.${MIGRATIONS_TABLE}`,
    ]);
    return found.rows[0]?.found === true;
  } catch (error) {
    throw new DatabaseUnavailableError(
      `cannot use Postgres database ${describeLocation({ kind: 'postgres', url })}: ${describePostgresFailure(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Fails, with one line naming the database, unless TaskDesk's database is
 * already there. Commands that only look (doctor, connect --dry-run) call it
 * before opening, which would create and migrate an empty database for a
 * mistyped --data-dir or --db.
 */
export async function requireExistingDatabase(location: DatabaseLocation): Promise<void> {
  if (location.kind === 'sqlite') {
    if (!fs.existsSync(location.path)) {
      throw new DatabaseUnavailableError(`no TaskDesk database at ${location.path}; ${CHECK_FLAGS}`);
    }
    if (!sqliteHoldsTaskDesk(location.path)) {
      throw new DatabaseUnavailableError(`${location.path} holds no TaskDesk tables; ${CHECK_FLAGS}`);
    }
    return;
  }
  if (!(await postgresHoldsTaskDesk(location.url))) {
    throw new DatabaseUnavailableError(`${describeLocation(location)} holds no TaskDesk tables; ${CHECK_FLAGS}`);
  }
}
