import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretOf } from '../testing/token-secret';
import { capturedLogger } from '../testing/captured-logger';
import { sqliteTarget } from '../testing/database-targets';
import { rawRequest } from '../testing/raw-http';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { Client } from './testing/connect-client';

describe('internal failures and secrets', () => {
  const log = capturedLogger();
  let server: TestServer;
  let client: Client;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteTarget, { logger: log.logger });
    token = await server.createToken('Careful Client');
    client = await server.connect(token);
  });
  afterAll(() => server.close());

  it('answers a database fault with a safe internal error, logs it in full, and keeps serving', async () => {
    if (server.location.kind !== 'sqlite') throw new Error('this test breaks a SQLite file');
    const saboteur = new Sqlite(server.location.path);
    saboteur.exec('alter table tasks rename to tasks_gone');
    try {
      const result = await client.callTool({ name: 'add_task', arguments: { title: 'doomed' } });
      const envelope = result.structuredContent as { status: string; error: { code: string; message: string } };
      expect(result.isError).toBe(true);
      expect(envelope.error.code).toBe('internal');
      expect(envelope.error.message).not.toMatch(/tasks|sql|table/i);
      const reference = /reference (\S+)\./.exec(envelope.error.message)?.[1];
      const logged = log.lines().find((line) => line.callId === reference);
      expect(logged).toMatchObject({ level: 50, tool: 'add_task', msg: 'tool call failed' });
      expect(JSON.stringify(logged?.err)).toMatch(/no such table: tasks/);
    } finally {
      saboteur.exec('alter table tasks_gone rename to tasks');
      saboteur.close();
    }
    const health = await client.callTool({ name: 'health_check', arguments: {} });
    expect(health.isError).toBe(false);
  });

  it('never writes a token to any log line', async () => {
    await client.callTool({ name: 'list_tasks', arguments: {} });
    await rawRequest({
      port: server.server.port,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}x` },
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    });
    await rawRequest({ port: server.server.port, method: 'GET', path: `/mcp?token=${token}` });
    await server.server.services.toolLog.flush();
    const secret = secretOf(token);
    expect(log.text().length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(secret);
  });
});
