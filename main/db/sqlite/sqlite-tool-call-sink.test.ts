import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../app/create-services';
import { capturedLogger } from '../../testing/captured-logger';
import { openTestDatabase, sqliteTarget, type TestDatabase } from '../../testing/database-targets';
import type { ToolCallRow } from '../tool-call-repository';

describe('SQLite tool-call sink', () => {
  let database: TestDatabase;
  let services: Services;
  let log: ReturnType<typeof capturedLogger>;
  let sequence = 0;

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

  const record = (count: number, filler = '') => {
    for (let i = 0; i < count; i++) {
      sequence += 1;
      const row: ToolCallRow = {
        id: `call-${String(sequence).padStart(4, '0')}`,
        userId: 'disk-user',
        tokenId: null,
        clientLabel: 'Disk Test',
        tool: 'add_task',
        arguments: { filler },
        outcome: 'success',
        errorCode: null,
        result: null,
        durationMs: 1,
        taskId: null,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
      };
      services.toolLog.record(row);
    }
  };

  it('drops a whole batch SQLite rolled back (disk full), keeps the connection usable, and recounts retention', async () => {
    const client = database.handle.sqlite?.client;
    if (!client) throw new Error('a SQLite handle has its connection');
    record(2);
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
    record(2);
    await services.toolLog.flush();
    // Four rows really stayed; retention keeps the newest three. Counting the dropped batch would have kept one.
    const kept = await services.toolLog.recent('disk-user', 10);
    expect(kept.map((call) => call.id)).toEqual(['call-0006', 'call-0005', 'call-0002']);
    expect(kept.every((call) => call.result === null)).toBe(true);
    expect(client.prepare('select count(*) as n from tool_calls where result is null').get()).toEqual({ n: 3 });
  });
});
