import Sqlite from 'better-sqlite3';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretOf } from '../testing/token-secret';
import type { DatabaseTarget } from '../testing/database-targets';
import { postgresTarget, sqliteTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { rawRequest } from '../testing/raw-http';
import { runCli, startServeProcess } from '../testing/run-cli';
import { makeTempDir, useTempDirs } from '../testing/temp-dir';

const listTasks = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'add_task', arguments: { title: 'via serve' } },
});

function mcpCall(port: number, token: string) {
  return rawRequest({
    port,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: listTasks,
  });
}

function describeServe(target: DatabaseTarget): void {
  it('prints one JSON line when ready, serves, honours revocation from another process, and stops on SIGTERM', async () => {
    const { location, cleanup } = await target.createLocation();
    const db = location.kind === 'sqlite' ? location.path : location.url;
    try {
      const created = await runCli(['token', 'create', '--label', 'Serve Test', '--json', '--db', db]);
      expect(created.code).toBe(0);
      const token = JSON.parse(created.stdout) as { token: string; id: string; user: string; label: string };
      expect(token).toEqual({
        token: expect.stringMatching(/^tdk_/) as string,
        id: expect.any(String) as string,
        user: 'local',
        label: 'Serve Test',
        projects: null,
        read_only: false,
      });

      const serve = await startServeProcess(['--port', '0', '--db', db]);
      try {
        expect(serve.ready).toEqual({
          mcpUrl: `http://127.0.0.1:${serve.ready.port}/mcp`,
          uiUrl: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${serve.ready.port}/`)) as string,
          port: serve.ready.port,
          database: target.kind,
        });
        const answer = await mcpCall(serve.ready.port, token.token);
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('via serve');

        expect((await runCli(['token', 'revoke', token.id, '--db', db])).code).toBe(0);
        expect((await mcpCall(serve.ready.port, token.token)).status).toBe(401);
      } finally {
        const stopped = await serve.stop('SIGTERM');
        expect(stopped.code).toBe(0);
        expect(stopped.ms).toBeLessThan(5000);
      }
      expect(serve.stdoutLines).toHaveLength(1);
      for (const line of serve.stderr().trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(serve.stderr()).not.toContain(secretOf(token.token));
    } finally {
      await cleanup();
    }
  });
}

describe('taskdesk serve', () => {
  const dataDir = useTempDirs();

  describe('on SQLite', () => describeServe(sqliteTarget));
  describePostgres('on Postgres', () => describeServe(postgresTarget));

  it('answers a taken port with one line naming the port and the flag', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli(['serve', '--port', String(port), '--data-dir', dataDir()]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `taskdesk: port ${port} on 127.0.0.1 is already in use; choose another with --port (or --port 0 for any free port)`,
      );
    } finally {
      blocker.close();
    }
  });

  it('takes its port from TASKDESK_PORT and refuses a bad one', async () => {
    const bad = await runCli(['serve', '--data-dir', dataDir()], { TASKDESK_PORT: 'seventy' });
    expect(bad.stderr.trim()).toBe('taskdesk: TASKDESK_PORT must be a whole number from 0 to 65535; got "seventy"');
    const serve = await startServeProcess(['--data-dir', dataDir()], { TASKDESK_PORT: '0' });
    expect(serve.ready.port).toBeGreaterThan(0);
    expect((await serve.stop('SIGINT')).code).toBe(0);
  });

  it('refuses an --allowed-host that is not a host name before starting', async () => {
    const bad = await runCli(['serve', '--data-dir', dataDir(), '--allowed-host', 'http://laptop.local:80']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--allowed-host .*is not a host name/);
  });

  it('keeps as many log entries per user as --log-retention says', async () => {
    const dir = dataDir();
    const token = JSON.parse(
      (await runCli(['token', 'create', '--label', 'Kept', '--json', '--data-dir', dir])).stdout,
    ) as {
      token: string;
    };
    const serve = await startServeProcess(['--port', '0', '--data-dir', dir, '--log-retention', '3']);
    for (let i = 0; i < 6; i++) expect((await mcpCall(serve.ready.port, token.token)).status).toBe(200);
    expect((await serve.stop()).code).toBe(0);
    const db = new Sqlite(path.join(dir, 'taskdesk.db'), { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from tool_calls').get()).toEqual({ n: 3 });
    } finally {
      db.close();
    }
    const bad = await runCli(['serve', '--data-dir', dir, '--log-retention', '0']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringMatching(/--log-retention.*at least 1/) as string]);
  });

  it('warns when listening beyond loopback', async () => {
    const serve = await startServeProcess(['--port', '0', '--host', '0.0.0.0', '--data-dir', dataDir()]);
    const { code } = await serve.stop();
    expect(code).toBe(0);
    expect(serve.stderr()).toMatch(/listening beyond loopback/);
  });
});

describe('taskdesk token', () => {
  it('creates tokens (and their users), lists them without secrets, and revokes by id', async () => {
    const temp = makeTempDir();
    try {
      const db = path.join(temp.dir, 'tokens.db');
      const first = JSON.parse(
        (await runCli(['token', 'create', '--label', 'Cursor', '--user', 'dana', '--json', '--db', db])).stdout,
      ) as {
        token: string;
        id: string;
      };
      const human = await runCli(['token', 'create', '--label', 'VS Code', '--db', db]);
      expect(human.stdout).toMatch(
        /^Created token \w+ for "VS Code" \(user local; all projects\)\. It is shown only this once:\ntdk_\S+\n$/,
      );

      const listed = await runCli(['token', 'list', '--json', '--db', db]);
      const tokens = JSON.parse(listed.stdout) as {
        id: string;
        label: string;
        user: string;
        revoked_at: string | null;
      }[];
      expect(tokens.map((token) => [token.label, token.user, token.revoked_at])).toEqual([
        ['Cursor', 'dana', null],
        ['VS Code', 'local', null],
      ]);
      expect(listed.stdout).not.toContain(secretOf(first.token));

      expect((await runCli(['token', 'revoke', first.id, '--db', db])).stdout).toBe(
        `Revoked token ${first.id} ("Cursor").\n`,
      );
      expect((await runCli(['token', 'list', '--db', db])).stdout).toMatch(/"Cursor".*revoked/);
      const unknown = await runCli(['token', 'revoke', 'nosuchtoken0', '--db', db]);
      expect([unknown.code, unknown.stderr]).toEqual([
        1,
        "taskdesk: no token with id nosuchtoken0; run 'taskdesk token list' to see token ids\n",
      ]);
      const badLabel = await runCli(['token', 'create', '--label', '  ', '--db', db]);
      expect([badLabel.code, badLabel.stderr]).toEqual([1, 'taskdesk: label must be 1-100 characters; got 0\n']);
    } finally {
      temp.remove();
    }
  });

  it('limits a token to projects by --project (created on first use, matched ignoring case) and makes it --read-only', async () => {
    const temp = makeTempDir();
    try {
      const db = path.join(temp.dir, 'scoped.db');
      const args = ['token', 'create', '--label', 'Reviewer', '--project', 'Web', '--project', 'Api', '--read-only'];
      const created = JSON.parse((await runCli([...args, '--json', '--db', db])).stdout) as {
        projects: { id: string; name: string }[];
        read_only: boolean;
      };
      expect(created.read_only).toBe(true);
      expect(created.projects.map((project) => project.name)).toEqual(['Web', 'Api']);

      const again = await runCli(['token', 'create', '--label', 'Web agent', '--project', 'web', '--db', db]);
      expect(again.stdout).toMatch(/^Created token \w+ for "Web agent" \(user local; projects "Web"\)\./);
      const listed = JSON.parse((await runCli(['token', 'list', '--json', '--db', db])).stdout) as {
        label: string;
        projects: { id: string; name: string }[] | null;
        read_only: boolean;
      }[];
      expect(listed.map((token) => [token.label, token.projects, token.read_only])).toEqual([
        ['Reviewer', created.projects, true],
        ['Web agent', [created.projects[0]], false],
      ]);
      const text = (await runCli(['token', 'list', '--db', db])).stdout;
      expect(text).toMatch(/"Reviewer" {2}user local {2}projects "Web", "Api", read-only {2}created/);
      expect(text).toMatch(/"Web agent" {2}user local {2}projects "Web" {2}created/);

      const tooLong = await runCli(['token', 'create', '--label', 'X', '--project', 'p'.repeat(65), '--db', db]);
      expect(tooLong.code).toBe(1);
    } finally {
      temp.remove();
    }
  });
});
