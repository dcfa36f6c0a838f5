import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../testing/database-targets';
import { createTestDatabase, describePostgres, PG_TEST_URL } from '../testing/postgres';
import { rawRequest } from '../testing/raw-http';
import { startTcpProxy } from '../testing/tcp-proxy';
import { makeTempDir } from '../testing/temp-dir';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from '../mcp/testing/connect-client';

interface Envelope {
  status: string;
  data?: { database?: { reachable: boolean; problem?: string } };
  error?: { code: string; message: string };
}

const tool = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })).structuredContent as Envelope;

describePostgres('when Postgres goes away', () => {
  const pgUrl = new URL(PG_TEST_URL);
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: TestServer;
  let token: string;

  const mcp = (body: unknown) =>
    rawRequest({
      port: server.server.port,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    const throughProxy: DatabaseTarget = {
      kind: 'postgres',
      createLocation: async () => {
        const database = await createTestDatabase();
        const url = new URL(database.url);
        url.port = String(proxy.port());
        return { location: { kind: 'postgres', url: url.toString() }, cleanup: database.drop };
      },
    };
    server = await startTestServer(throughProxy);
    token = await server.createToken('Patient Client');
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await server.close();
    await proxy.close();
  });

  it('answers /mcp with a JSON-RPC error and 503 saying the database is unreachable, then serves again', async () => {
    expect((await mcp({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).status).toBe(200);
    await proxy.down();

    for (const request of [
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'health_check', arguments: {} } },
    ]) {
      const response = await mcp(request);
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(JSON.parse(response.body)).toMatchObject({
        jsonrpc: '2.0',
        error: { code: -32603, message: expect.stringMatching(/cannot reach its database/) as string },
      });
    }
    const health = await rawRequest({ port: server.server.port, method: 'GET', path: '/healthz' });
    expect([health.status, JSON.parse(health.body)]).toEqual([503, { status: 'unavailable', database: 'unreachable' }]);
    const session = server.server.createSession();
    const ui = await rawRequest({
      port: server.server.port,
      method: 'GET',
      path: '/api/status',
      headers: { cookie: `${session.name}=${session.value}` },
    });
    expect(ui.status).toBe(503);
    expect(JSON.parse(ui.body)).toMatchObject({
      status: 'error',
      error: { code: 'unavailable', message: expect.stringMatching(/cannot reach its database/) as string },
    });

    await proxy.up();
    const back = await mcp({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'health_check', arguments: {} },
    });
    expect(back.status).toBe(200);
    expect(JSON.parse(back.body)).toMatchObject({
      result: { structuredContent: { status: 'success', data: { database: { reachable: true } } } },
    });
  });
});

/** A small filesystem of its own, so the disk can really fill up; needs permission to mount (root, as in CI). */
function mountSmallDisk(): { dir: string; unmount: () => void } | string {
  const temp = makeTempDir('taskdesk-full-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', temp.dir], { stdio: 'pipe' });
  } catch (error) {
    temp.remove();
    return `cannot mount a small tmpfs here: ${(error as Error).message.split('\n')[0] ?? ''}`;
  }
  return {
    dir: temp.dir,
    unmount: () => {
      execFileSync('umount', [temp.dir]);
      temp.remove();
    },
  };
}

describe('when the SQLite disk fills up', () => {
  let disk: ReturnType<typeof mountSmallDisk>;
  let server: TestServer | undefined;
  let client: Client;
  const filler = () => path.join((disk as { dir: string }).dir, 'filler');

  beforeAll(async () => {
    disk = mountSmallDisk();
    if (typeof disk === 'string') return;
    const onSmallDisk: DatabaseTarget = {
      kind: 'sqlite',
      createLocation: () =>
        Promise.resolve({
          location: { kind: 'sqlite', path: path.join((disk as { dir: string }).dir, 'taskdesk.db') },
          cleanup: () => Promise.resolve(),
        }),
    };
    server = await startTestServer(onSmallDisk);
    client = await server.connect(await server.createToken('Disk Filler'));
  });
  afterAll(async () => {
    await server?.close();
    if (typeof disk !== 'string') disk.unmount();
  });

  it('tells the agent and health checks that the disk is full, keeps what was stored, and recovers by itself', async (context) => {
    if (typeof disk === 'string' || !server) return context.skip(disk as string);
    const { port } = server.server;
    const kept = await tool(client, 'add_task', { title: 'stored before the disk filled' });
    expect(kept.status).toBe('success');

    const fd = fs.openSync(filler(), 'w');
    try {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) fs.writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }

    let failed: Envelope | undefined;
    for (let i = 0; i < 500 && !failed; i++) {
      const answer = await tool(client, 'add_task', { title: `filling ${i}`, description: 'x'.repeat(1000) });
      if (answer.status === 'error') failed = answer;
    }
    expect(failed?.error?.code).toBe('unavailable');
    expect(failed?.error?.message).toMatch(/the disk holding its database is full/);

    const health = await tool(client, 'health_check');
    expect(health.data?.database).toMatchObject({
      reachable: true,
      problem: expect.stringMatching(/disk is full/) as string,
    });
    const healthz = await rawRequest({ port, method: 'GET', path: '/healthz' });
    expect(healthz.status).toBe(503);
    expect(JSON.parse(healthz.body)).toMatchObject({
      status: 'degraded',
      problem: expect.stringMatching(/disk is full/) as string,
    });

    fs.rmSync(filler());
    // Healthy again at once, before anything has been written.
    const healthy = await rawRequest({ port, method: 'GET', path: '/healthz' });
    expect(healthy.status).toBe(200);
    expect((await tool(client, 'health_check')).data?.database).toEqual({ kind: 'sqlite', reachable: true });
    const after = await tool(client, 'add_task', { title: 'stored once space returned' });
    expect(after.status).toBe('success');
    const listed = (await tool(client, 'list_tasks', { query: 'stored' })) as {
      data?: { tasks?: { title: string }[] };
    };
    expect(listed.data?.tasks?.map((task) => task.title)).toEqual([
      'stored once space returned',
      'stored before the disk filled',
    ]);
  }, 60_000);
});
