import pg from 'pg';
import { fail, ok, type Result } from '../../../shared/result';
import { describePostgresUrl } from '../../config/database-location';
import { describePostgresFailure } from '../database-errors';

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Settings' "Test connection": connects once and asks the server its version,
 * changing nothing (no migrations). Failures name the cause, with the
 * password kept out of the message.
 */
export async function testPostgresConnection(url: string): Promise<Result<{ server_version: string }>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection that dies after the test must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return ok({ server_version: rows[0]?.server_version ?? 'unknown' });
  } catch (error) {
    return fail('validation_error', `cannot connect to ${describePostgresUrl(url)}: ${describePostgresFailure(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
