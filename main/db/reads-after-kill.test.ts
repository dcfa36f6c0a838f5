import { describe, expect, it } from 'vitest';
import { connectClient, type Client } from '../mcp/testing/connect-client';
import { postgresTarget, sqliteTarget, type DatabaseTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { runCli, startServeProcess } from '../testing/run-cli';

const WRITERS = 4;
const ROUNDS = 3;
const ACKNOWLEDGED_PER_ROUND = 150;

interface Envelope {
  status: string;
  data?: { task?: { id: string }; tasks?: { id: string }[]; next_cursor?: string | null };
}

const tool = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })).structuredContent as Envelope;

/** Every task id the server lists, page by page, through the same tool an agent uses. */
async function listEveryId(client: Client): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await tool(client, 'list_tasks', { status: 'all', limit: 37, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe('success');
    ids.push(...(page.data?.tasks ?? []).map((task) => task.id));
    cursor = page.data?.next_cursor ?? undefined;
  } while (cursor);
  // A page boundary that repeats a task would hide another one's absence.
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

/**
 * Issue 17 #9: after SIGKILL rounds, an adversarial pass read 104 acknowledged
 * tasks back as missing through the restarted server (in 10 checks) while the
 * database file held every one. Conclusion: not a read-path bug. Here `serve`
 * is killed with SIGKILL while four agents add tasks, restarted on the same
 * database and the same port, read at once after its ready line, and every
 * task it acknowledged comes back by id and by paging to the last page, round
 * after round, on both databases. The causes a read path could have are each
 * ruled out by a test:
 * - a restarted server answering before it can read: `serve` prints its ready
 *   line only after the database is open, migrated and listening, and this
 *   test reads the moment that line appears, on the port the killed server held;
 * - pagination: pages are keyed on (created_at, id), so tasks created in the
 *   same millisecond by concurrent writers are neither skipped nor repeated
 *   ("pages tasks created in the same millisecond without gaps or repeats" in
 *   task-service.contract.ts; here, no id repeats across pages);
 * - an answer sent before its write is durable: on SQLite a write is answered
 *   only after its group's COMMIT (db/sqlite/group-commit.ts), so SIGKILL
 *   cannot take back an acknowledged task.
 * What remains is the way that pass read: list_tasks lists open tasks, 50 at a
 * time, unless asked for status "all" and the next_cursor pages, and a check
 * made before the restarted server's ready line, or against the killed one,
 * finds nothing. Its harness was not kept, so which of these it was is not known.
 */
function describeReadsAfterKill(target: DatabaseTarget): void {
  it('reads back every acknowledged task through a restarted server, by id and by paging', async () => {
    const { location, cleanup } = await target.createLocation();
    const db = location.kind === 'sqlite' ? location.path : location.url;
    try {
      const created = await runCli(['token', 'create', '--label', 'Crash Writer', '--json', '--db', db]);
      const token = (JSON.parse(created.stdout) as { token: string }).token;
      const acknowledged = new Set<string>();

      // Every round serves on the port the first one picked, as a person restarting it would.
      let port = '0';
      for (let round = 0; round < ROUNDS; round++) {
        const serve = await startServeProcess(['--port', port, '--db', db]);
        const writers = await Promise.all(
          Array.from({ length: WRITERS }, (_, i) => connectClient(serve.ready.mcpUrl, token, `writer-${i}`)),
        );
        const goal = acknowledged.size + ACKNOWLEDGED_PER_ROUND;
        let killed = false;
        const writing = writers.map(async (writer, w) => {
          for (let i = 0; !killed; i++) {
            try {
              const added = await tool(writer, 'add_task', { title: `round ${round} writer ${w} task ${i}` });
              if (added.status === 'success' && added.data?.task) acknowledged.add(added.data.task.id);
            } catch {
              return; // the server died under this call: it was never acknowledged
            }
            if (acknowledged.size >= goal) {
              // Several writers may get here; killing twice is harmless.
              killed = true;
              serve.child.kill('SIGKILL');
            }
          }
        });
        await Promise.all(writing);
        await serve.stop('SIGKILL');
        await Promise.all(writers.map((writer) => writer.close().catch(() => undefined)));

        port = String(serve.ready.port);
        const restarted = await startServeProcess(['--port', port, '--db', db]);
        const reader = await connectClient(restarted.ready.mcpUrl, token, 'reader');
        try {
          const listed = new Set(await listEveryId(reader));
          const missingFromList = [...acknowledged].filter((id) => !listed.has(id));
          expect([round, missingFromList]).toEqual([round, []]);
          const missingById: string[] = [];
          for (const id of acknowledged) {
            if ((await tool(reader, 'get_task', { task_id: id })).status !== 'success') missingById.push(id);
          }
          expect([round, missingById]).toEqual([round, []]);
        } finally {
          await reader.close();
          await restarted.stop('SIGTERM');
        }
      }
      expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS * ACKNOWLEDGED_PER_ROUND);
    } finally {
      await cleanup();
    }
  }, 120_000);
}

describe('reads after SIGKILL on SQLite', () => describeReadsAfterKill(sqliteTarget));
describePostgres('reads after SIGKILL on Postgres', () => {
  describeReadsAfterKill(postgresTarget);
});
