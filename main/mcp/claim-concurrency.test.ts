import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { createTestDatabase, describePostgres } from '../testing/postgres';
import { runCli, startServeProcess, type ServeProcess } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';
import { connectClient, type Client } from './testing/connect-client';

const AGENTS = 16;
const TASKS = 200;

interface Answer {
  status: string;
  data?: { task: Task };
  error?: { code: string; message: string };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Answer> {
  return (await client.callTool({ name, arguments: args })).structuredContent as Answer;
}

async function createToken(db: string, label: string): Promise<string> {
  const created = await runCli(['token', 'create', '--label', label, '--json', '--db', db]);
  if (created.code !== 0) throw new Error(created.stderr);
  return (JSON.parse(created.stdout) as { token: string }).token;
}

/** Claims until nothing is ready; any answer but a claimed task or "nothing ready" is a failure. */
async function claimUntilEmpty(client: Client): Promise<string[]> {
  const claimed: string[] = [];
  for (;;) {
    const answer = await call(client, 'claim_task', { lease_seconds: 3600 });
    if (answer.status === 'success' && answer.data) {
      claimed.push(answer.data.task.id);
      continue;
    }
    if (answer.error?.code === 'not_found') return claimed;
    throw new Error(`claim_task answered ${JSON.stringify(answer.error)}`);
  }
}

/**
 * Sixteen agents, split over two `taskdesk serve` processes on one database,
 * all claiming the next ready task at once until none is left.
 */
async function claimRace(db: string, running: ServeProcess[]) {
  running.push(await startServeProcess(['--port', '0', '--db', db]));
  running.push(await startServeProcess(['--port', '0', '--db', db]));
  const planner = await connectClient(running[0]?.ready.mcpUrl ?? '', await createToken(db, 'Planner'));
  const added: string[] = [];
  for (let start = 0; start < TASKS; start += 20) {
    const batch = Array.from({ length: Math.min(20, TASKS - start) }, (_, i) =>
      call(planner, 'add_task', { title: `job ${start + i}` }),
    );
    for (const answer of await Promise.all(batch)) added.push(answer.data?.task.id ?? 'failed');
  }
  const tokens = await Promise.all(Array.from({ length: AGENTS }, (_, i) => createToken(db, `Agent ${i}`)));
  const agents = await Promise.all(
    tokens.map((token, i) => connectClient(running[i % 2]?.ready.mcpUrl ?? '', token, `agent-${i}`)),
  );
  const claims = await Promise.all(agents.map(claimUntilEmpty));
  const ready = await planner.callTool({ name: 'list_tasks', arguments: { ready: true } });
  await Promise.all([planner, ...agents].map((client) => client.close()));
  return { added, claims, readyAfter: (ready.structuredContent as { data: { tasks: Task[] } }).data.tasks };
}

function expectEachClaimedOnce(result: Awaited<ReturnType<typeof claimRace>>): void {
  const all = result.claims.flat();
  expect(result.added).toHaveLength(TASKS);
  expect(all).toHaveLength(TASKS);
  expect(new Set(all).size).toBe(TASKS);
  expect([...all].sort()).toEqual([...result.added].sort());
  expect(result.readyAfter).toEqual([]);
  // The race really was shared: more than one agent won tasks.
  expect(result.claims.filter((won) => won.length > 0).length).toBeGreaterThan(1);
}

describe('16 agents claiming from 200 ready tasks on two serve processes', () => {
  const running: ServeProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((serve) => serve.stop()));
  });

  it('on one SQLite file: every task claimed exactly once, none twice, none lost', async () => {
    const temp = makeTempDir();
    try {
      expectEachClaimedOnce(await claimRace(path.join(temp.dir, 'taskdesk.db'), running));
    } finally {
      await Promise.all(running.splice(0).map((serve) => serve.stop()));
      temp.remove();
    }
  }, 120_000);

  describePostgres('on Postgres', () => {
    it('on one Postgres database: every task claimed exactly once, none twice, none lost', async () => {
      const database = await createTestDatabase();
      try {
        expectEachClaimedOnce(await claimRace(database.url, running));
      } finally {
        await Promise.all(running.splice(0).map((serve) => serve.stop()));
        await database.drop();
      }
    }, 120_000);
  });
});
