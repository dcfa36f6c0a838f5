import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTestApp } from '../testing/test-config';
import { postgresTarget, sqliteTarget, type DatabaseTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { BIN } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';

/**
 * Runs `taskdesk stdio`, writes the given JSON-RPC messages (a string goes as
 * the raw line), then closes stdin, as a client does when it quits, once
 * every request and every raw line has been answered.
 */
function runStdioSession(
  db: string,
  messages: unknown[],
): Promise<{ code: number | null; ms: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'stdio', '--db', db], {
      env: { ...process.env, TASKDESK_LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let closedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // Close the pipe once every request has been answered.
      if (
        stdout.split('\n').filter(Boolean).length ===
        messages.filter((m) => typeof m === 'string' || (m as { id?: unknown }).id !== undefined).length
      ) {
        closedAt = Date.now();
        child.stdin.end();
      }
    });
    // 'close' waits for stdout to be read to the end, which 'exit' does not.
    child.on('close', (code) => resolve({ code, ms: Date.now() - closedAt, stdout }));
    for (const message of messages) {
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    }
  });
}

describe('taskdesk stdio', () => {
  it('exits cleanly when the client closes the pipe, having written its log', async () => {
    const temp = makeTempDir();
    const db = path.join(temp.dir, 'closing.db');
    try {
      const session = await runStdioSession(db, [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-11-25',
            capabilities: {},
            clientInfo: { name: 'Pipe Closer', version: '1' },
          },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        {
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: { name: 'add_task', arguments: { title: 'written before closing' } },
        },
      ]);
      expect(session.code).toBe(0);
      expect(session.ms).toBeLessThan(3000);
      await withTestApp({ kind: 'sqlite', path: db }, async ({ services }) => {
        const calls = await services.toolLog.recent('local', 10);
        expect(calls.map((call) => [call.client_label, call.tool])).toEqual([['Pipe Closer', 'add_task']]);
      });
    } finally {
      temp.remove();
    }
  });
});

describe('taskdesk stdio with malformed requests', () => {
  it('answers a malformed tools/call with -32602 in one line, and a line that is no message under id null, and keeps serving', async () => {
    const temp = makeTempDir();
    try {
      const session = await runStdioSession(path.join(temp.dir, 'malformed.db'), [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'Sloppy', version: '1' } },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'add_task', arguments: null } },
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 7 } },
        { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'health_check', arguments: {} } },
        { jsonrpc: '2.0', id: 5, method: 'tools/list', params: { cursor: 5 } },
        'not json {',
        '[{"jsonrpc":"2.0","id":6,"method":"tools/list"}]',
      ]);
      const replies = session.stdout
        .split('\n')
        .filter(Boolean)
        .map(
          (line) =>
            JSON.parse(line) as { id: number | null; error?: { code: number; message: string }; result?: unknown },
        );
      const byId = new Map(replies.map((reply) => [reply.id, reply]));
      expect(byId.get(2)?.error).toEqual({
        code: -32602,
        message: "Invalid params: params.arguments must be an object of the tool's arguments (or left out); got null",
      });
      expect(byId.get(3)?.error?.code).toBe(-32602);
      expect(byId.get(3)?.error?.message).toMatch(/^Invalid params: params\.name .*got 7$/);
      expect(byId.get(4)?.result).toMatchObject({ structuredContent: { status: 'success' } });
      expect(byId.get(5)?.error?.code).toBe(-32602);
      expect(byId.get(5)?.error?.message).toMatch(/^Invalid params: params\.cursor: [^\n]+$/);
      // Lines that are no message at all are answered too, under id null, where the client once waited forever.
      expect(replies.filter((reply) => reply.id === null).map((reply) => reply.error?.code)).toEqual([-32700, -32600]);
    } finally {
      temp.remove();
    }
  });
});

describe('taskdesk stdio with requests its SDK transport would drop', () => {
  it("answers params that are not an object, or a malformed _meta, under the request's own id", async () => {
    const temp = makeTempDir();
    try {
      const session = await runStdioSession(path.join(temp.dir, 'dropped.db'), [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'Sloppy', version: '1' } },
        },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: [] },
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'health_check', _meta: 5 } },
        {
          jsonrpc: '2.0',
          id: 4,
          method: 'tools/call',
          params: { name: 'health_check', _meta: { progressToken: 1.5 } },
        },
        { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'nope' } },
        { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'health_check', arguments: {} } },
      ]);
      const replies = session.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: number; error?: { code: number; message: string }; result?: unknown });
      const byId = new Map(replies.map((reply) => [reply.id, reply]));
      expect(byId.get(2)?.error).toEqual({
        code: -32602,
        message: 'Invalid params: params must be an object (or left out); got an array of 0',
      });
      expect(byId.get(3)?.error).toEqual({ code: -32602, message: 'Invalid params: params._meta must be an object' });
      expect(byId.get(4)?.error?.code).toBe(-32602);
      expect(byId.get(5)?.error?.message).toMatch(/^Unknown tool: nope\. Tools: add_task, /);
      expect(byId.get(6)?.result).toMatchObject({ structuredContent: { status: 'success' } });
    } finally {
      temp.remove();
    }
  }, 15_000);
});

function describeStdioSession(target: DatabaseTarget): void {
  it('logs the calls of a client whose name holds characters no database can store', async () => {
    const { location, cleanup } = await target.createLocation();
    const db = location.kind === 'sqlite' ? location.path : location.url;
    try {
      const client = new Client({ name: 'Odd\u0000Client\ud800', version: '1' });
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'stdio', '--db', db],
        env: { PATH: process.env.PATH ?? '', TASKDESK_LOG_LEVEL: 'warn' },
        stderr: 'pipe',
      });
      await client.connect(transport);
      await client.callTool({ name: 'add_task', arguments: { title: 'from an odd client' } });
      await client.close();
      await withTestApp(location, async ({ services }) => {
        const calls = await services.toolLog.recent('local', 10);
        expect(calls.map((call) => [call.client_label, call.tool])).toEqual([['Odd\uFFFDClient\uFFFD', 'add_task']]);
      });
    } finally {
      await cleanup();
    }
  });

  it('serves the same tools over stdio as the given user, logging calls under the client’s name', async () => {
    const { location, cleanup } = await target.createLocation();
    const db = location.kind === 'sqlite' ? location.path : location.url;
    try {
      const client = new Client({ name: 'Claude Desktop', version: '0.9.0' });
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'stdio', '--db', db, '--user', 'desk-user'],
        env: { PATH: process.env.PATH ?? '', TASKDESK_LOG_LEVEL: 'warn' },
        stderr: 'pipe',
      });
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(11);
      const added = await client.callTool({ name: 'add_task', arguments: { title: 'from the desktop' } });
      expect(added.structuredContent).toMatchObject({
        status: 'success',
        data: { task: { title: 'from the desktop' } },
      });
      const health = await client.callTool({ name: 'health_check', arguments: {} });
      expect(health.structuredContent).toMatchObject({ data: { database: { kind: target.kind, reachable: true } } });
      await client.close();

      await withTestApp(location, async ({ services }) => {
        const listed = await services.tasks.list('desk-user', {});
        expect(listed.ok && listed.value.tasks.map((task) => task.title)).toEqual(['from the desktop']);
        const calls = await services.toolLog.recent('desk-user', 10);
        expect(calls.map((call) => [call.client_label, call.tool, call.outcome])).toEqual([
          ['Claude Desktop', 'health_check', 'success'],
          ['Claude Desktop', 'add_task', 'success'],
        ]);
      });
    } finally {
      await cleanup();
    }
  });
}

describe('taskdesk stdio on SQLite', () => describeStdioSession(sqliteTarget));
describePostgres('taskdesk stdio on Postgres', () => {
  describeStdioSession(postgresTarget);
});

describe('taskdesk stdio in both eras', () => {
  it('answers server/discover and modern requests, and still serves initialize in the same process', async () => {
    const temp = makeTempDir();
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'Modern Pipe', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    try {
      const session = await runStdioSession(path.join(temp.dir, 'eras.db'), [
        { jsonrpc: '2.0', id: 'probe', method: 'server/discover', params: { _meta: meta } },
        {
          jsonrpc: '2.0',
          id: 'old',
          method: 'server/discover',
          params: { _meta: { ...meta, 'io.modelcontextprotocol/protocolVersion': '1999-01-01' } },
        },
        { jsonrpc: '2.0', id: 'gone', method: 'ping', params: { _meta: meta } },
        {
          jsonrpc: '2.0',
          id: 'add',
          method: 'tools/call',
          params: { name: 'add_task', arguments: { title: 'piped' }, _meta: meta },
        },
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'Old Pipe', version: '1' } },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_tasks', arguments: {} } },
      ]);
      const replies = session.stdout
        .split('\n')
        .filter(Boolean)
        .map(
          (line) =>
            JSON.parse(line) as {
              id: string | number;
              error?: { code: number; data?: unknown };
              result?: Record<string, unknown>;
            },
        );
      const byId = new Map(replies.map((reply) => [reply.id, reply]));
      expect(byId.get('probe')?.result).toMatchObject({
        resultType: 'complete',
        supportedVersions: expect.arrayContaining(['2026-07-28', '2025-11-25']) as string[],
      });
      expect(byId.get('old')?.error).toMatchObject({ code: -32022, data: { requested: '1999-01-01' } });
      expect(byId.get('gone')?.error?.code).toBe(-32601);
      expect(byId.get('add')?.result).toMatchObject({
        resultType: 'complete',
        structuredContent: { status: 'success' },
      });
      expect(byId.get(1)?.result).toMatchObject({ protocolVersion: '2025-11-25' });
      expect(byId.get(2)?.result).toMatchObject({
        structuredContent: { data: { tasks: [expect.objectContaining({ title: 'piped' })] } },
      });
      expect(byId.get(2)?.result).not.toHaveProperty('resultType');
    } finally {
      temp.remove();
    }
  });
});
