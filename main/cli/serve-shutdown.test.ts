import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, startServeProcess } from '../testing/run-cli';
import { withTestApp } from '../testing/test-config';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const AGENTS = 64;

it('a stop under load logs every call it answered: handlers cut off by the stop finish before the database closes', async () => {
  const db = path.join(tempDir(), 'busy.db');
  const created = await runCli(['token', 'create', '--label', 'Busy', '--json', '--db', db]);
  const { token } = JSON.parse(created.stdout) as { token: string };
  const serve = await startServeProcess(['--port', '0', '--db', db]);
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-11-25',
  };
  let stopping = false;
  const answered: string[] = [];
  // Agents that keep their connections busy, so the stop has to cut some of them off mid-call.
  const agent = async (n: number) => {
    for (let i = 0; !stopping; i++) {
      const title = `call ${n}-${i}`;
      try {
        const res = await fetch(serve.ready.mcpUrl, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: i,
            method: 'tools/call',
            params: { name: 'add_task', arguments: { title } },
          }),
        });
        if ((await res.text()).includes('"status":"success"')) answered.push(title);
      } catch {
        // Refused or cut off by the stop: not answered, so not counted.
      }
    }
  };
  const agents = Array.from({ length: AGENTS }, (_, n) => agent(n));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const stopped = await serve.stop('SIGTERM');
  stopping = true;
  await Promise.all(agents);

  expect(stopped.code).toBe(0);
  expect(serve.stderr()).not.toContain('could not write tool-call log entries');
  expect(answered.length).toBeGreaterThan(0);
  const logged = await withTestApp({ kind: 'sqlite', path: db }, async ({ services }) => {
    const calls = await services.toolLog.page('local', { tool: 'add_task' }, 10_000);
    return new Set(calls.map((call) => (call.arguments as { title: string }).title));
  });
  expect(answered.filter((title) => !logged.has(title))).toEqual([]);
});
