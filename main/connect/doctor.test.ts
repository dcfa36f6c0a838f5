import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, describePostgres } from '../testing/postgres';
import { BIN, startServeProcess } from '../testing/run-cli';
import { EXISTING_CONFIGS } from './client-fixtures';
import {
  entryIn,
  place,
  placeFakeApp,
  targetById,
  TOOLS,
  useEntry,
  useHomes,
  useServerHomes,
  useSqliteServer,
} from './connect-test-kit';

const shared = useSqliteServer();
const newHome = useHomes();
const freshHome = useServerHomes(shared);

interface Report {
  mcp_url: string;
  server_running: boolean;
  clients: { client: string; verdict: string; problems: string[]; notes: string[]; token_id?: string }[];
}

const clientsOf = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as Report).clients.map((client) => [client.client, client]));

/** A port nothing listens on: taken from the system, then given back. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('taskdesk doctor never shows a secret', () => {
  it('prints no token and no password an entry holds, in text or as JSON', async () => {
    const home = freshHome();
    const token = await shared.server.createToken('Claude Desktop via mcp-remote');
    place(
      home.fileOf('claude-desktop'),
      JSON.stringify({
        mcpServers: {
          taskdesk: {
            command: 'npx',
            args: ['-y', 'mcp-remote', shared.server.server.mcpUrl, '--header', `Authorization: Bearer ${token}`],
          },
        },
      }),
    );
    place(
      home.fileOf('cursor'),
      JSON.stringify({ mcpServers: { taskdesk: { url: 'http://me:hunter2@127.0.0.1:9/mcp?key=tdk_abc' } } }),
    );
    for (const args of [['doctor'], ['doctor', '--json']]) {
      const doctor = await home.cli(args);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toMatch(/Claude Desktop|claude-desktop/);
      expect(`${doctor.stdout}${doctor.stderr}`).not.toContain('tdk_');
      expect(`${doctor.stdout}${doctor.stderr}`).not.toContain('hunter2');
    }
    const clients = clientsOf((await home.cli(['doctor', '--json'])).stdout);
    expect(clients['claude-desktop']?.problems.join(' ')).toContain('runs npx');
  });
});

describe('taskdesk doctor on the Claude Desktop entry', () => {
  it('accepts both the CLI’s and the desktop app’s command when the database matches, and says what is wrong otherwise', async () => {
    const home = freshHome();
    const file = home.fileOf('claude-desktop');
    const app = placeFakeApp(path.join(home.dir, 'opt', 'TaskDesk'), BIN);
    const verdictWith = async (entry: Record<string, unknown>) => {
      place(file, JSON.stringify({ mcpServers: { taskdesk: entry } }));
      return clientsOf((await home.cli(['doctor', '--json'])).stdout)['claude-desktop'];
    };

    expect((await home.cli(['connect', 'claude-desktop'])).code).toBe(0);
    expect(clientsOf((await home.cli(['doctor', '--json'])).stdout)['claude-desktop']?.verdict).toBe('ok');

    expect(await verdictWith({ command: app, args: ['--stdio', '--db', shared.databasePath] })).toMatchObject({
      verdict: 'ok',
    });
    const other = path.join(home.dir, 'other.db');
    expect((await verdictWith({ command: app, args: ['--stdio', '--db', other] }))?.problems).toEqual([
      `it uses the database ${other}, but TaskDesk uses ${shared.databasePath}`,
    ]);
    expect((await verdictWith({ command: process.execPath, args: [BIN, 'stdio', '--db', other] }))?.problems).toEqual([
      `it uses the database ${other}, but TaskDesk uses ${shared.databasePath}`,
    ]);
    const gone = path.join(home.dir, 'nowhere', 'TaskDesk');
    expect((await verdictWith({ command: gone, args: ['--stdio', '--db', shared.databasePath] }))?.problems).toEqual([
      `its command ${gone} does not exist`,
    ]);
    expect((await verdictWith({ command: process.execPath, args: ['server.js'] }))?.problems).toEqual([
      `it runs ${path.basename(process.execPath)}, not TaskDesk’s stdio command`,
    ]);
  });

  it('writes the installed app’s command when there is one, and that entry serves the tools', async () => {
    const home = freshHome();
    const app = placeFakeApp(path.join(home.dir, 'opt', 'TaskDesk'), BIN);
    place(home.fileOf('claude-desktop'), EXISTING_CONFIGS['claude-desktop']);
    const connected = await home.cli(['connect', 'claude-desktop'], { env: { TASKDESK_APP: app } });
    expect([connected.code, connected.stderr]).toEqual([0, '']);
    const entry = entryIn(targetById('claude-desktop'), home.fileOf('claude-desktop'));
    expect(entry).toMatchObject({ command: app, args: ['--stdio', '--db', shared.databasePath] });
    expect(await useEntry(targetById('claude-desktop'), entry)).toEqual(TOOLS);
    const doctor = await home.cli(['doctor', '--json'], { env: { TASKDESK_APP: app } });
    expect(clientsOf(doctor.stdout)['claude-desktop']?.verdict).toBe('ok');
  });
});

describe('taskdesk doctor and the tokens connect made', () => {
  it('notes a token made by hand for a client, fixes an entry that lost connect’s token, and revokes that token', async () => {
    const home = freshHome();
    const byHand = await shared.server.createToken('Cursor');
    const byHandId = (await shared.server.server.services.tokens.authenticate(byHand))?.tokenId ?? '';
    fs.mkdirSync(path.dirname(home.fileOf('cursor')), { recursive: true });

    const calm = await home.cli(['doctor', '--json']);
    expect(calm.code).toBe(0);
    expect(clientsOf(calm.stdout).cursor).toMatchObject({ verdict: 'not_configured', problems: [] });
    expect(clientsOf(calm.stdout).cursor?.notes.join(' ')).toContain(byHandId);

    place(home.fileOf('cursor'), EXISTING_CONFIGS.cursor);
    expect((await home.cli(['connect', 'cursor'])).code).toBe(0);
    const entry = entryIn(targetById('cursor'), home.fileOf('cursor'));
    const connectId = (
      await shared.server.server.services.tokens.authenticate(targetById('cursor').tokenOf(entry) ?? '')
    )?.tokenId;
    fs.writeFileSync(home.fileOf('cursor'), EXISTING_CONFIGS.cursor);

    const sick = await home.cli(['doctor', '--json']);
    expect(sick.code).toBe(1);
    expect(clientsOf(sick.stdout).cursor?.problems).toEqual([
      `it has no taskdesk entry, but the token ${connectId} that taskdesk connect made for it is still live`,
    ]);
    const fixed = await home.cli(['doctor', '--fix']);
    expect(fixed.code).toBe(0);
    const tokens = await shared.server.server.services.tokens.list();
    expect(tokens.find((token) => token.id === connectId)?.revoked_at).not.toBeNull();
    expect(tokens.find((token) => token.id === byHandId)?.revoked_at).toBeNull();
    expect(await useEntry(targetById('cursor'), entryIn(targetById('cursor'), home.fileOf('cursor')))).toEqual(TOOLS);
  });
});

describe('taskdesk doctor and the port TaskDesk really listens on', () => {
  it('connects and checks against the server serve recorded, and never rewrites a URL when no server answers', async () => {
    const home = newHome();
    const dataDir = path.join(home.dir, 'data');
    const served = await startServeProcess(['--port', '0', '--data-dir', dataDir], { HOME: home.dir });
    try {
      fs.mkdirSync(path.dirname(home.fileOf('vscode')), { recursive: true });
      const run = (args: string[]) => home.run([...args, '--data-dir', dataDir]);
      expect((await run(['connect', 'vscode'])).code).toBe(0);
      const file = home.fileOf('vscode');
      expect(entryIn(targetById('vscode'), file).url).toBe(served.ready.mcpUrl);
      const written = fs.readFileSync(file, 'utf8');

      const healthy = await run(['doctor']);
      expect([healthy.code, healthy.stdout]).toEqual([0, expect.stringContaining(`answers at ${served.ready.mcpUrl}`)]);
      expect((await run(['doctor', '--fix'])).code).toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toBe(written);

      const record = fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8');
      expect((await served.stop()).code).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'server.json'))).toBe(false);
      // A record a killed server left behind names a process that is gone: it is not believed.
      fs.writeFileSync(path.join(dataDir, 'server.json'), record);

      const down = await run(['doctor', '--json']);
      expect(down.code).toBe(1);
      expect(JSON.parse(down.stdout)).toMatchObject({ server_running: false });
      expect(clientsOf(down.stdout).vscode?.verdict).toBe('problem');
      const unfixed = await run(['doctor', '--fix']);
      expect(unfixed.code).toBe(1);
      expect(unfixed.stdout).toMatch(/Not fixed: VS Code: no TaskDesk server answers/);
      expect(fs.readFileSync(file, 'utf8')).toBe(written);
    } finally {
      await served.stop();
    }
  });

  it('does not call an HTTP entry ok when nothing answers at its port', async () => {
    const home = newHome();
    const port = await freePort();
    place(home.fileOf('cursor'), '{}');
    const args = ['--db', shared.databasePath, '--port', String(port)];
    expect((await home.run(['connect', 'cursor', ...args])).code).toBe(0);
    const doctor = await home.run(['doctor', '--json', ...args]);
    expect(doctor.code).toBe(1);
    expect(clientsOf(doctor.stdout).cursor).toMatchObject({ verdict: 'problem' });
  });
});

describe('what doctor finds on this computer', () => {
  it('counts Claude Code as installed only when its file or its claude command exists', async () => {
    const home = freshHome();
    expect(clientsOf((await home.cli(['doctor', '--json'])).stdout)['claude-code']?.verdict).toBe('not_installed');
    const claude = path.join(home.dir, 'bin', 'claude');
    place(claude, '#!/bin/sh\n');
    fs.chmodSync(claude, 0o755);
    expect(clientsOf((await home.cli(['doctor', '--json'])).stdout)['claude-code']?.verdict).toBe('not_configured');
  });

  it('says why --fix leaves a client as it is', async () => {
    const home = freshHome();
    place(home.fileOf('cursor'), '{ "mcpServers": ');
    const fixed = await home.cli(['doctor', '--fix']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain(`Not fixed: Cursor: ${home.fileOf('cursor')} is not valid JSON`);
  });
});

describe('doctor and a dry run only read a database that exists', () => {
  it('refuses a data directory or SQLite file that does not exist, and creates neither', async () => {
    const home = newHome();
    const typoDir = path.join(home.dir, 'typo');
    const doctor = await home.run(['doctor', '--data-dir', typoDir]);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain(`no TaskDesk database at ${path.join(typoDir, 'taskdesk.db')}`);
    expect(fs.existsSync(typoDir)).toBe(false);

    const typoFile = path.join(home.dir, 'typo.db');
    place(home.fileOf('cursor'), '{}');
    const dry = await home.run(['connect', 'cursor', '--dry-run', '--db', typoFile]);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(`no TaskDesk database at ${typoFile}`);
    expect(fs.existsSync(typoFile)).toBe(false);
  });

  describePostgres('on Postgres', () => {
    it('refuses a database that holds no TaskDesk tables, and adds none', async () => {
      const home = newHome();
      const empty = await createTestDatabase();
      try {
        const doctor = await home.run(['doctor', '--db', empty.url]);
        expect(doctor.code).toBe(1);
        expect(doctor.stderr).toContain('holds no TaskDesk tables');
        const again = await home.run(['doctor', '--db', empty.url]);
        expect(again.stderr).toContain('holds no TaskDesk tables');
      } finally {
        await empty.drop();
      }
    });
  });
});
