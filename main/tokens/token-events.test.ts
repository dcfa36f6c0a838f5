import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenInfo } from '../../shared/token-schemas';
import { sqliteTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(sqliteTarget);
});
afterAll(() => t.close());

/** The token events one user's UI would be sent, as [label, revoked, seen in use]. */
function watchTokens(userId: string) {
  const seen: TokenInfo[] = [];
  const stop = t.server.services.live.subscribe(userId, (name, data) => {
    if (name === 'token') seen.push(data as TokenInfo);
  });
  return {
    seen: () => seen.map((info) => [info.label, info.revoked_at !== null, info.last_used_at !== null]),
    raw: seen,
    stop,
  };
}

describe('token changes reach the UI from the token service, whichever edge made them', () => {
  it('announces a token made, used and revoked through the service, to its own user only, never with its secret', async () => {
    const mine = watchTokens('local');
    const theirs = watchTokens('someone-else');
    try {
      const created = await t.server.services.tokens.create({ label: 'Cursor' });
      if (!created.ok) throw new Error(created.error.message);
      const client = await t.connect(created.value.token, 'cursor');
      await client.listTools();
      await expect.poll(mine.seen, { timeout: 5000 }).toContainEqual(['Cursor', false, true]);
      await t.server.services.tokens.revoke(created.value.id);
      await expect.poll(mine.seen).toContainEqual(['Cursor', true, true]);
      expect(mine.seen()[0]).toEqual(['Cursor', false, false]);
      expect(theirs.seen()).toEqual([]);
      expect(JSON.stringify(mine.raw)).not.toContain(created.value.token.split('_').at(-1));
    } finally {
      mine.stop();
      theirs.stop();
    }
  });
});
