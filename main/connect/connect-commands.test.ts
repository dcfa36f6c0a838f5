import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_CONFIGS, ENTRIES_WITH_USER_KEYS, EXISTING_CONFIGS, UNEDITABLE_CONFIGS } from './client-fixtures';
import { CLIENT_TARGETS, SERVER_KEY, type ClientEnvironment } from './client-targets';
import { documentFor, valueAt } from './config-documents';
import {
  ANY_TOKEN,
  backupsOf,
  entryIn,
  place,
  targetById,
  TOOLS,
  useEntry,
  useServerHomes,
  useSqliteServer,
} from './connect-test-kit';

const shared = useSqliteServer();
const freshHome = useServerHomes(shared);

const liveTokenCount = async () =>
  (await shared.server.server.services.tokens.list()).filter((t) => !t.revoked_at).length;

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
      expect(connected.stdout).not.toMatch(ANY_TOKEN);
    });

    it('updates its entry in place on a second connect, and writes a new file readable only by its owner', async () => {
      const home = freshHome();
      const file = target.configFile(home.env);
      expect((await home.cli(['connect', target.id])).code).toBe(0);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const first = entryIn(target, file);

      const again = await home.cli(['connect', target.id]);
      expect(again.stdout).toContain('already connected');
      const moved = await home.cli(['connect', target.id], { port: shared.server.server.port + 1 });
      expect(moved.code).toBe(0);
      const text = fs.readFileSync(file, 'utf8');
      expect(text.split(target.format === 'toml' ? `mcp_servers.${SERVER_KEY}]` : `"${SERVER_KEY}"`)).toHaveLength(2);
      const second = entryIn(target, file);
      expect(target.tokenOf(second)).toBe(target.tokenOf(first));
      if (target.transport === 'http') expect(target.urlOf(second)).toContain(`:${shared.server.server.port + 1}/mcp`);
    });

    it('writes nothing on --dry-run and prints the change with the token masked', async () => {
      const home = freshHome();
      const file = target.configFile(home.env);
      place(file, EXISTING_CONFIGS[target.id]);
      const tokensBefore = (await shared.server.server.services.tokens.list()).length;
      const dry = await home.cli(['connect', target.id, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('Dry run: nothing was written.');
      expect(dry.stdout).toMatch(/^\+.*taskdesk/m);
      expect(dry.stdout).not.toMatch(ANY_TOKEN);
      expect(fs.readFileSync(file, 'utf8')).toBe(EXISTING_CONFIGS[target.id]);
      expect(backupsOf(file)).toEqual([]);
      expect((await shared.server.server.services.tokens.list()).length).toBe(tokensBefore);
    });

    it('updates only the fields TaskDesk owns in an existing entry, keeping the person’s own keys and comments', async () => {
      const home = freshHome();
      const file = home.fileOf(target.id);
      const { text, userKeys } = ENTRIES_WITH_USER_KEYS[target.id];
      place(file, text);
      const connected = await home.cli(['connect', target.id]);
      expect([connected.code, connected.stderr]).toEqual([0, '']);
      const entry = entryIn(target, file);
      expect(entry).toMatchObject(userKeys);
      expect(commentsOf(fs.readFileSync(file, 'utf8'))).toEqual(commentsOf(text));
      expect(await useEntry(target, entry)).toEqual(TOOLS);
    });

    it('leaves a file it cannot parse untouched, says which and why, and exits non-zero', async () => {
      const home = freshHome();
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
    });
  },
);

describe('taskdesk disconnect', () => {
  it('removes the entry with a backup, revokes the token and keeps the rest', async () => {
    const home = freshHome();
    const cursor = targetById('cursor');
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
  });
});

describe('an edit TaskDesk cannot make', () => {
  it.each(Object.entries(UNEDITABLE_CONFIGS))(
    'in %s leaves the file, says "cannot edit this layout", and leaves no live token behind',
    async (id, text) => {
      const home = freshHome();
      const file = home.fileOf(id);
      place(file, text);
      const before = await liveTokenCount();
      for (const args of [
        ['connect', id],
        ['doctor', '--fix'],
      ]) {
        const refused = await home.cli(args);
        expect(refused.code).not.toBe(0);
        expect(`${refused.stdout}${refused.stderr}`).toContain(`${file} cannot edit this layout: `);
        expect(`${refused.stdout}${refused.stderr}`).not.toMatch(/is not valid (JSON|TOML)/);
      }
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
      expect(backupsOf(file)).toEqual([]);
      expect(await liveTokenCount()).toBe(before);
    },
  );
});

describe('how connect writes a file', () => {
  it('masks every Authorization value and token in a dry run’s diff, its neighbours’ too', async () => {
    const home = freshHome();
    place(home.fileOf('claude-code'), EXISTING_CONFIGS['claude-code']);
    const dry = await home.cli(['connect', 'claude-code', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('"github"');
    expect(dry.stdout).not.toContain('ghp_example');
  });

  it('reads a JSON file that starts with a byte order mark, and keeps the mark', async () => {
    const home = freshHome();
    const file = home.fileOf('cursor');
    place(file, `\uFEFF${EXISTING_CONFIGS.cursor}`);
    const connected = await home.cli(['connect', 'cursor']);
    expect([connected.code, connected.stderr]).toEqual([0, '']);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF{')).toBe(true);
    expect(await useEntry(targetById('cursor'), entryIn(targetById('cursor'), file))).toEqual(TOOLS);
  });

  it('keeps the last five of its backups of a file, and removes older ones', async () => {
    const home = freshHome();
    const file = home.fileOf('cursor');
    place(file, EXISTING_CONFIGS.cursor);
    for (let step = 1; step <= 7; step++) {
      expect((await home.cli(['connect', 'cursor'], { port: shared.server.server.port + step })).code).toBe(0);
    }
    const backups = backupsOf(file).sort();
    expect(backups).toHaveLength(5);
    // The newest five stay: the sixth and seventh runs replaced the original and the first change.
    const oldest = fs.readFileSync(path.join(path.dirname(file), backups[0] ?? ''), 'utf8');
    expect(oldest).toContain(`:${shared.server.server.port + 2}/mcp`);
  });

  it('edits the file a symlinked configuration points to, and leaves the link a link', async () => {
    const home = freshHome();
    const real = path.join(home.dir, 'dotfiles', 'cursor-mcp.json');
    place(real, EXISTING_CONFIGS.cursor);
    const link = home.fileOf('cursor');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(link), real), link);

    const connected = await home.cli(['connect', 'cursor']);
    expect([connected.code, connected.stderr]).toEqual([0, '']);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(real));
    expect(await useEntry(targetById('cursor'), entryIn(targetById('cursor'), real))).toEqual(TOOLS);
    expect(backupsOf(real)).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(link))).toEqual(['mcp.json']);
  });
});

describe('taskdesk doctor', () => {
  it('reports a changed port, a revoked token and a missing entry, never a token, and --fix mends each', async () => {
    const home = freshHome();
    const target = targetById;
    for (const id of ['cursor', 'vscode', 'codex', 'claude-code']) {
      place(target(id).configFile(home.env), EXISTING_CONFIGS[id as keyof typeof EXISTING_CONFIGS]);
      expect((await home.cli(['connect', id])).code).toBe(0);
    }
    const healthy = await home.cli(['doctor']);
    expect([healthy.code, healthy.stdout]).toEqual([0, expect.stringContaining('answers at') as string]);
    expect(healthy.stdout).toMatch(/^ok\s+Cursor\s+connected, token \w+, not seen yet/m);

    // Cursor's entry moves to another port, VS Code's token is revoked, Codex's entry is deleted by hand.
    await home.cli(['connect', 'cursor'], { port: shared.server.server.port + 7 });
    const vscodeToken = (
      await shared.server.server.services.tokens.authenticate(
        target('vscode').tokenOf(entryIn(target('vscode'), target('vscode').configFile(home.env))) ?? '',
      )
    )?.tokenId;
    await shared.server.server.services.tokens.revoke(vscodeToken ?? '');
    const codexFile = target('codex').configFile(home.env);
    fs.writeFileSync(codexFile, EXISTING_CONFIGS.codex);

    const sick = await home.cli(['doctor', '--json']);
    expect(sick.code).toBe(1);
    expect(sick.stdout).not.toMatch(ANY_TOKEN);
    const report = JSON.parse(sick.stdout) as { clients: { client: string; verdict: string; problems: string[] }[] };
    const verdicts = Object.fromEntries(report.clients.map((client) => [client.client, client]));
    expect(verdicts.cursor?.problems).toEqual([
      `points at http://127.0.0.1:${shared.server.server.port + 7}/mcp, but TaskDesk is at http://127.0.0.1:${shared.server.server.port}/mcp`,
    ]);
    expect(verdicts.vscode?.problems).toEqual(['its token is revoked or unknown to this database']);
    expect(verdicts.codex?.problems[0]).toMatch(
      /^it has no taskdesk entry, but the token \w+ that taskdesk connect made for it is still live$/,
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
