import { afterEach, beforeEach, expect, it } from 'vitest';
import { createServices, type Services } from '../app/create-services';
import type { ToolCallRow } from '../db/tool-call-repository';
import { toolCallRow } from '../testing/tool-call-row';
import { capturedLogger } from '../testing/captured-logger';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';

const RETENTION = 3;

/**
 * What the tool-call log stores, through the store each dialect really uses
 * (SQLite's synchronous one on the request connection, the pooled one on
 * Postgres): batches around refused rows, token usage, per-user retention.
 */
export function describeToolCallStoreContract(target: DatabaseTarget): void {
  let database: TestDatabase;
  let services: Services;
  let log: ReturnType<typeof capturedLogger>;

  beforeEach(async () => {
    database = await openTestDatabase(target);
    log = capturedLogger();
    services = createServices(database.handle, log.logger, { toolLogRetention: RETENTION });
  });
  afterEach(async () => {
    await services.toolLog.close();
    await database.cleanup();
  });

  it('stores the rest of a batch around a row the database refuses, and logs which one', async () => {
    await services.users.ensure('sink-user', 'sink-user');
    const refused = toolCallRow('sink-user', { outcome: 'refused-by-check' as ToolCallRow['outcome'] });
    const kept = [toolCallRow('sink-user'), toolCallRow('sink-user')];
    for (const entry of [kept[0], refused, kept[1]]) if (entry) services.toolLog.record(entry);
    await services.toolLog.flush();
    const stored = await services.toolLog.recent('sink-user', 10);
    expect(stored.map((call) => call.id)).toEqual(kept.map((entry) => entry.id).reverse());
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ level: 50, callId: refused.id, msg: 'could not write a tool-call log entry' }),
    );
  });

  it("adds up each token's calls and latest use across batches", async () => {
    const created = await services.tokens.create({ label: 'Counted', user: 'token-user' });
    if (!created.ok) throw new Error(created.error.message);
    const tokenId = created.value.id;
    services.toolLog.record(toolCallRow('token-user', { tokenId }));
    services.toolLog.record(toolCallRow('token-user', { tokenId }));
    await services.toolLog.flush();
    const last = toolCallRow('token-user', { tokenId });
    services.toolLog.record(last);
    await services.toolLog.flush();
    const [info] = await services.tokens.list();
    expect(info).toMatchObject({ call_count: 3, last_used_at: last.createdAt });
  });

  it('keeps the newest calls of each user, counted per user, across batches', async () => {
    const busy = Array.from({ length: 5 }, () => toolCallRow('busy-user'));
    const quiet = [toolCallRow('quiet-user'), toolCallRow('quiet-user')];
    for (const entry of busy.slice(0, 2)) services.toolLog.record(entry);
    await services.toolLog.flush();
    for (const entry of [...busy.slice(2), ...quiet]) services.toolLog.record(entry);
    await services.toolLog.flush();
    const ids = async (userId: string) => (await services.toolLog.recent(userId, 10)).map((call) => call.id);
    expect(await ids('busy-user')).toEqual(
      busy
        .slice(-RETENTION)
        .map((entry) => entry.id)
        .reverse(),
    );
    expect(await ids('quiet-user')).toEqual(quiet.map((entry) => entry.id).reverse());
  });
}
