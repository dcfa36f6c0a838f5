import pg from 'pg';
import { expect, it } from 'vitest';
import type { TaskChange } from '../../shared/api';
import type { Result } from '../../shared/result';
import { CHANGE_CHANNEL } from '../db/change-log-repository';
import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeChangeFeedContract, type FeedSuite } from './change-feed.contract';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function databaseUrl(suite: FeedSuite): string {
  const { location } = suite.reader();
  if (location.kind !== 'postgres') throw new Error('expected Postgres');
  return location.url;
}

/** Writes one event for `taskId` in an open transaction and returns the seq it took. */
async function takeSeq(client: pg.Client, user: string, taskId: string, label: string): Promise<number> {
  await client.query('begin');
  const { rows } = await client.query<{ seq: string }>(
    `insert into task_events (user_id, task_id, kind, version, actor_kind, actor_label, changes, created_at)
     values ($1, $2, 'updated', 1, 'agent', $3, '{}'::jsonb, $4) returning seq`,
    [user, taskId, label, new Date().toISOString()],
  );
  await client.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, user]);
  return Number(rows[0]?.seq);
}

const byWhom = (events: TaskChange[]) => events.map((e) => e.by);

function postgresSpecifics(suite: FeedSuite): void {
  it('publishes an event whose transaction took the lower seq but committed last, once', async () => {
    const events = await suite.listen('u-late-commit');
    const { id } = value(await suite.other().add('u-late-commit', { title: 'raced' }, 'Creator'));
    await expect.poll(() => byWhom(events), { timeout: 5000 }).toEqual(['Creator']);
    const first = await connect(databaseUrl(suite));
    const second = await connect(databaseUrl(suite));
    try {
      const lower = await takeSeq(first, 'u-late-commit', id, 'Took the lower seq');
      const higher = await takeSeq(second, 'u-late-commit', id, 'Took the higher seq');
      expect(lower).toBeLessThan(higher);
      await second.query('commit');
      await expect.poll(() => byWhom(events), { timeout: 5000 }).toEqual(['Creator', 'Took the higher seq']);
      await first.query('commit');
      await expect
        .poll(() => byWhom(events), { timeout: 5000 })
        .toEqual(['Creator', 'Took the higher seq', 'Took the lower seq']);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(byWhom(events)).toEqual(['Creator', 'Took the higher seq', 'Took the lower seq']);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it('publishes a change that took its seq before the listener started and committed after, once', async () => {
    const user = 'u-open-at-start';
    await suite.ensureUser(user);
    const { id } = value(await suite.other().add(user, { title: 'changed in an open transaction' }, 'Creator'));
    const open = await connect(databaseUrl(suite));
    try {
      await takeSeq(open, user, id, 'Committed after the start');
      // A later seq commits first, so the listener starts above the open one.
      value(await suite.other().add(user, { title: 'before listening' }, 'Earlier'));
      const events = await suite.listen(user);
      await open.query('commit');
      await expect.poll(() => byWhom(events), { timeout: 5000 }).toEqual(['Committed after the start']);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(byWhom(events)).toEqual(['Committed after the start']);
    } finally {
      await open.end();
    }
  });

  it('hears changes again after its listening connection is dropped', async () => {
    const events = await suite.listen('u-dropped');
    const admin = await connect(databaseUrl(suite));
    try {
      const listeners = `select pid from pg_stat_activity where application_name = 'taskdesk-listen' and datname = current_database()`;
      const before = (await admin.query<{ pid: number }>(listeners)).rows.map((row) => row.pid);
      expect(before).toHaveLength(1);
      await admin.query('select pg_terminate_backend($1)', [before[0]]);
      const reopened = async () => {
        const pids = (await admin.query<{ pid: number }>(listeners)).rows.map((row) => row.pid);
        return pids.length === 1 && pids[0] !== before[0];
      };
      await expect.poll(reopened, { timeout: 10_000 }).toBe(true);
      value(await suite.other().add('u-dropped', { title: 'after the drop' }, 'Agent'));
      await expect.poll(() => byWhom(events), { timeout: 5000 }).toEqual(['Agent']);
    } finally {
      await admin.end();
    }
  });
}

describePostgres('the live change feed on Postgres', () => {
  describeChangeFeedContract(postgresTarget, postgresSpecifics);
});
