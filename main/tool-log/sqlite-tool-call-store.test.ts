import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../app/create-services';
import { capturedLogger } from '../testing/captured-logger';
import { openTestDatabase, sqliteTarget, type TestDatabase } from '../testing/database-targets';
import { sqliteConnection } from '../testing/query-plans';
import { toolCallRow } from '../testing/tool-call-row';

describe('SQLite tool-call store', () => {
  let database: TestDatabase;
  let services: Services;
  let log: ReturnType<typeof capturedLogger>;

  beforeEach(async () => {
    database = await openTestDatabase(sqliteTarget);
    log = capturedLogger();
    services = createServices(database.handle, log.logger, { toolLogRetention: 3 });
    await services.users.ensure('disk-user', 'disk-user');
  });
  afterEach(async () => {
    await services.toolLog.close();
    await database.cleanup();
  });

  /** Records calls and returns their ids, oldest first. */
  const record = (count: number, filler = ''): string[] =>
    Array.from({ length: count }, () => {
      const row = toolCallRow('disk-user', { tool: 'add_task', arguments: { filler } });
      services.toolLog.record(row);
      return row.id;
    });

  it('drops a whole batch SQLite rolled back (disk full), keeps the connection usable, and recounts retention', async () => {
    const client = sqliteConnection(database);
    const first = record(2);
    await services.toolLog.flush();

    // The file may not grow: a batch that needs new pages fails with SQLITE_FULL, which rolls back the transaction.
    client.pragma(`max_page_count = ${String(client.pragma('page_count', { simple: true }))}`);
    record(2, 'x'.repeat(400_000));
    await services.toolLog.flush();
    expect(client.inTransaction).toBe(false);
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ level: 50, dropped: 2, msg: 'could not write tool-call log entries' }),
    );

    client.pragma('max_page_count = 1073741823');
    const last = record(2);
    await services.toolLog.flush();
    // Four rows really stayed; retention keeps the newest three. Counting the dropped batch would have kept one.
    const kept = await services.toolLog.recent('disk-user', 10);
    expect(kept.map((call) => call.id)).toEqual([...last.reverse(), first[1]]);
    expect(kept.every((call) => call.result === null)).toBe(true);
    expect(client.prepare('select count(*) as n from tool_calls where result is null').get()).toEqual({ n: 3 });
  });
});
