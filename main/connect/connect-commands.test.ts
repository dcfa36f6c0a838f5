import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../mcp/testing/connect-client';
import { connectOverHttp, connectOverStdio } from '../mcp/testing/snippet-transports';
import { sqliteTarget } from '../testing/database-targets';
import { runCli } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';
import { startTestServer, type TestServer } from '../testing/test-server';
import { BROKEN_CONFIGS, EXISTING_CONFIGS } from './client-fixtures';
import { CLIENT_TARGETS, SERVER_KEY, type ClientEnvironment, type ClientTarget } from './client-targets';
import { documentFor, valueAt } from './config-documents';

const TOOLS = ['add_task', 'complete_task', 'delete_task', 'get_task', 'health_check', 'list_tasks', 'update_task'];

let server: TestServer;
let databasePath: string;

beforeAll(async () => {
  server = await startTestServer(sqliteTarget);
  if (server.location.kind !== 'sqlite') throw new Error('expected a SQLite test server');
  databasePath = server.location.path;
});
afterAll(() => server.close());

/** A home directory of its own for one test, and `taskdesk` run as its user against the test server's database. */
function freshHome() {
  const temp = makeTempDir('taskdesk-home-');
  const env: ClientEnvironment = { home: temp.dir, platform: 'linux' };
  const cli = (args: string[], port = server.server.port) =>
    runCli([...args, '--db', databasePath, '--port', String(port)], {
      HOME: temp.dir,
      APPDATA: undefined,
      XDG_CONFIG_HOME: undefined,
      CODEX_HOME: undefined,
      TASKDESK_PORT: undefined,
    });
  return { dir: temp.dir, env, cli, remove: temp.remove };
}

function place(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const backupsOf = (file: string) =>
  fs.existsSync(path.dirname(file))
    ? fs
        .readdirSync(path.dirname(file))
        .filter((name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith('.taskdesk-backup'))
    : [];

const entryIn = (target: ClientTarget, file: string) =>
  valueAt(documentFor(target.format).parse(fs.readFileSync(file, 'utf8')), [
    ...target.serversPath,
    SERVER_KEY,
  ]) as Record<string, unknown>;

/** Connects with exactly what the file says, as the client itself would. */
async function useEntry(target: ClientTarget, entry: Record<string, unknown>): Promise<string[]> {
  let client: Client;
  if (target.transport === 'stdio') {
    client = await connectOverStdio(
      {
        command: entry.command as string,
        args: entry.args as string[],
        ...(entry.env ? { env: entry.env as Record<string, string> } : {}),
      },
      target.name,
    );
  } else {
    const url = (entry.url ?? entry.serverUrl) as string;
    const headers = (entry.headers ?? entry.http_headers) as Record<string, string>;
    client = await connectOverHttp(url, { headers }, target.name);
  }
  try {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  } finally {
    await client.close();
  }
}

/** Whether `after` is `before` with one run of text inserted somewhere (and nothing else changed). */
function isOneInsertion(before: string, after: string): boolean {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  return after.length > before.length && after.endsWith(before.slice(prefix));
}

/** The comments a file holds, which a merge must keep. */
const commentsOf = (text: string) => text.split('\n').flatMap((line) => /(?:^|\s)(\/\/.*|#.*)$/.exec(line)?.[1] ?? []);

describe.each(CLIENT_TARGETS.map((target) => [target.name, target] as const))(
  'taskdesk connect %s',
  (_name, target) => {
    it('merges its entry into an existing configuration, keeping everything else, with a backup, and the entry works', async () => {
      const home = freshHome();
      try {
        const file = target.configFile(home.env);
        const before = EXISTING_CONFIGS[target.id];
        place(file, before);

        const connected = await home.cli(['connect', target.id]);
        expect([connected.code, connected.stderr]).toEqual([0, '']);
        expect(connected.stdout).toContain(`Connected ${target.name}`);

        const after = fs.readFileSync(file, 'utf8');
        const document = documentFor(target.format);
        const strip = (text: string) => {
          const data = document.parse(text);
          const servers = valueAt(data, target.serversPath) as Record<string, unknown>;
          Reflect.deleteProperty(servers, SERVER_KEY);
          return data;
        };
        expect(strip(after)).toEqual(strip(before));
        expect(commentsOf(after)).toEqual(commentsOf(before));
        // Byte for byte, the old file is the new one with one stretch of text taken out: nothing else moved.
        expect(isOneInsertion(before, after)).toBe(true);

        const backups = backupsOf(file);
        expect(backups).toHaveLength(1);
        expect(fs.readFileSync(path.join(path.dirname(file), backups[0] ?? ''), 'utf8')).toBe(before);
        expect(await useEntry(target, entryIn(target, file))).toEqual(TOOLS);
        expect(connected.stdout).not.toMatch(/tdk_[a-z0-9]{12}_/);
      } finally {
        home.remove();
      }
    });

    it('updates its entry in place on a second connect, and writes a new file readable only by its owner', async () => {
      const home = freshHome();
      try {
        const file = target.configFile(home.env);
        expect((await home.cli(['connect', target.id])).code).toBe(0);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const first = entryIn(target, file);

        const again = await home.cli(['connect', target.id]);
        expect(again.stdout).toContain('already connected');
        const moved = await home.cli(['connect', target.id], server.server.port + 1);
        expect(moved.code).toBe(0);
        const text = fs.readFileSync(file, 'utf8');
        expect(text.split(target.format === 'toml' ? `mcp_servers.${SERVER_KEY}]` : `"${SERVER_KEY}"`)).toHaveLength(2);
        const second = entryIn(target, file);
        expect(target.tokenOf(second)).toBe(target.tokenOf(first));
        if (target.transport === 'http') expect(target.pointsAt(second)).toContain(`:${server.server.port + 1}/mcp`);
      } finally {
        home.remove();
      }
    });

    it('writes nothing on --dry-run and prints the change with the token masked', async () => {
      const home = freshHome();
      try {
        const file = target.configFile(home.env);
        place(file, EXISTING_CONFIGS[target.id]);
        const tokensBefore = (await server.server.services.tokens.list()).length;
        const dry = await home.cli(['connect', target.id, '--dry-run']);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('Dry run: nothing was written.');
        expect(dry.stdout).toMatch(/^\+.*taskdesk/m);
        expect(dry.stdout).not.toMatch(/tdk_[a-z0-9]{12}_/);
        expect(fs.readFileSync(file, 'utf8')).toBe(EXISTING_CONFIGS[target.id]);
        expect(backupsOf(file)).toEqual([]);
        expect((await server.server.services.tokens.list()).length).toBe(tokensBefore);
      } finally {
        home.remove();
      }
    });

    it('leaves a file it cannot parse untouched, says which and why, and exits non-zero', async () => {
      const home = freshHome();
      try {
        const file = target.configFile(home.env);
        const broken = BROKEN_CONFIGS[target.format];
        place(file, broken);
        const refused = await home.cli(['connect', target.id]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toContain(file);
        expect(refused.stderr).toMatch(/is not valid (JSON|TOML)/);
        expect(fs.readFileSync(file, 'utf8')).toBe(broken);
        expect(backupsOf(file)).toEqual([]);
      } finally {
        home.remove();
      }
    });
  },
);

describe('taskdesk disconnect', () => {
  it('removes the entry with a backup, revokes the token and keeps the rest', async () => {
    const home = freshHome();
    const cursor = CLIENT_TARGETS.find((target) => target.id === 'cursor') as ClientTarget;
    try {
      const file = cursor.configFile(home.env);
      place(file, EXISTING_CONFIGS.cursor);
      await home.cli(['connect', 'cursor']);
      const entry = entryIn(cursor, file);
      const disconnected = await home.cli(['disconnect', 'cursor']);
      expect(disconnected.code).toBe(0);
      expect(disconnected.stdout).toMatch(/revoked token/);
      expect(fs.readFileSync(file, 'utf8')).toBe(EXISTING_CONFIGS.cursor);
      expect(backupsOf(file)).toHaveLength(2);
      await expect(useEntry(cursor, entry)).rejects.toThrow();
    } finally {
      home.remove();
    }
  });
});

describe('taskdesk doctor', () => {
  it('reports a changed port, a revoked token and a missing entry, never a token, and --fix mends each', async () => {
    const home = freshHome();
    const target = (id: string) => CLIENT_TARGETS.find((candidate) => candidate.id === id) as ClientTarget;
    try {
      for (const id of ['cursor', 'vscode', 'codex', 'claude-code']) {
        place(target(id).configFile(home.env), EXISTING_CONFIGS[id as keyof typeof EXISTING_CONFIGS]);
        expect((await home.cli(['connect', id])).code).toBe(0);
      }
      const healthy = await home.cli(['doctor']);
      expect([healthy.code, healthy.stdout]).toEqual([0, expect.stringContaining('answers at') as string]);
      expect(healthy.stdout).toMatch(/^ok\s+Cursor\s+connected, token \w+, not seen yet/m);

      // Cursor's entry moves to another port, VS Code's token is revoked, Codex's entry is deleted by hand.
      await home.cli(['connect', 'cursor'], server.server.port + 7);
      const vscodeToken = (
        await server.server.services.tokens.authenticate(
          target('vscode').tokenOf(entryIn(target('vscode'), target('vscode').configFile(home.env))) ?? '',
        )
      )?.tokenId;
      await server.server.services.tokens.revoke(vscodeToken ?? '');
      const codexFile = target('codex').configFile(home.env);
      fs.writeFileSync(codexFile, EXISTING_CONFIGS.codex);

      const sick = await home.cli(['doctor', '--json']);
      expect(sick.code).toBe(1);
      expect(sick.stdout).not.toMatch(/tdk_[a-z0-9]{12}_/);
      const report = JSON.parse(sick.stdout) as { clients: { client: string; verdict: string; problems: string[] }[] };
      const verdicts = Object.fromEntries(report.clients.map((client) => [client.client, client]));
      expect(verdicts.cursor?.problems).toEqual([
        `points at http://127.0.0.1:${server.server.port + 7}/mcp, but TaskDesk is at http://127.0.0.1:${server.server.port}/mcp`,
      ]);
      expect(verdicts.vscode?.problems).toEqual(['its token is revoked or unknown to this database']);
      expect(verdicts.codex?.problems[0]).toMatch(
        /has a TaskDesk token \(\w+\) but no taskdesk entry in .*config\.toml/,
      );
      expect(verdicts['claude-code']?.verdict).toBe('ok');
      expect(verdicts.windsurf?.verdict).toBe('not_installed');

      const fixed = await home.cli(['doctor', '--fix']);
      expect(fixed.stdout).toContain('Fixed: Cursor, VS Code, Codex CLI.');
      expect(fixed.code).toBe(0);
      expect((await home.cli(['doctor'])).code).toBe(0);
      for (const id of ['cursor', 'vscode', 'codex']) {
        expect(await useEntry(target(id), entryIn(target(id), target(id).configFile(home.env)))).toEqual(TOOLS);
      }
      expect(fs.readFileSync(codexFile, 'utf8').startsWith(EXISTING_CONFIGS.codex.trimEnd())).toBe(true);
    } finally {
      home.remove();
    }
  });
});

describe('where each client keeps its user configuration', () => {
  const files = (env: ClientEnvironment) =>
    Object.fromEntries(CLIENT_TARGETS.map((target) => [target.id, target.configFile(env)]));

  it('follows each client’s documented location on macOS, Windows and Linux', () => {
    expect(files({ home: '/Users/me', platform: 'darwin' })).toEqual({
      'claude-code': '/Users/me/.claude.json',
      'claude-desktop': '/Users/me/Library/Application Support/Claude/claude_desktop_config.json',
      cursor: '/Users/me/.cursor/mcp.json',
      vscode: '/Users/me/Library/Application Support/Code/User/mcp.json',
      windsurf: '/Users/me/.codeium/windsurf/mcp_config.json',
      codex: '/Users/me/.codex/config.toml',
    });
    const windows = files({ home: 'C:\\Users\\me', platform: 'win32', appData: 'C:\\Users\\me\\AppData\\Roaming' });
    expect(windows['claude-desktop']).toBe(
      path.join('C:\\Users\\me\\AppData\\Roaming', 'Claude', 'claude_desktop_config.json'),
    );
    expect(windows.vscode).toBe(path.join('C:\\Users\\me\\AppData\\Roaming', 'Code', 'User', 'mcp.json'));
    expect(files({ home: '/home/me', platform: 'linux', xdgConfigHome: '/cfg', codexHome: '/codex' })).toMatchObject({
      vscode: '/cfg/Code/User/mcp.json',
      codex: '/codex/config.toml',
    });
  });
});
