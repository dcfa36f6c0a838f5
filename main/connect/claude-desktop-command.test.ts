import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../app/version';
import { useTempDirs } from '../testing/temp-dir';
import { claudeDesktopCommand } from './claude-desktop-command';
import type { ClientEnvironment } from './client-targets';
import { stdioEntryProblems } from './stdio-entry';

const tempDir = useTempDirs();

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return file;
}

describe('the command taskdesk connect writes for Claude Desktop', () => {
  const sqlite = (dir: string) => ({ kind: 'sqlite' as const, path: path.join(dir, 'taskdesk.db') });

  it('starts the installed app when there is one, which is what the app’s own Repair writes', () => {
    const dir = tempDir();
    const app = executable(path.join(dir, 'TaskDesk'));
    const env: ClientEnvironment = { home: dir, platform: 'linux', taskdeskApp: app };
    expect(claudeDesktopCommand(sqlite(dir), { env, bin: '/src/taskdesk/bin/taskdesk.js' })).toEqual({
      command: app,
      args: ['--stdio', '--db', path.join(dir, 'taskdesk.db')],
    });
  });

  it('runs this CLI’s own script from a checkout or a global install', () => {
    const dir = tempDir();
    const env: ClientEnvironment = { home: dir, platform: 'linux' };
    const bin = '/usr/local/lib/node_modules/taskdesk/bin/taskdesk.js';
    expect(claudeDesktopCommand(sqlite(dir), { env, bin, node: '/usr/bin/node' })).toEqual({
      command: '/usr/bin/node',
      args: [bin, 'stdio', '--db', path.join(dir, 'taskdesk.db')],
    });
  });

  it('never points into npx’s cache: it runs the same version through npx instead, and doctor accepts that', () => {
    const dir = tempDir();
    const node = executable(path.join(dir, 'node', 'bin', 'node'));
    const npx = executable(path.join(dir, 'node', 'bin', 'npx'));
    const env: ClientEnvironment = { home: dir, platform: 'linux' };
    const bin = path.join(dir, '.npm', '_npx', '0f3c', 'node_modules', 'taskdesk', 'bin', 'taskdesk.js');
    const command = claudeDesktopCommand(sqlite(dir), { env, bin, node });
    expect(command).toEqual({
      command: npx,
      args: ['-y', `taskdesk@${VERSION}`, 'stdio', '--db', path.join(dir, 'taskdesk.db')],
    });
    expect(JSON.stringify(command)).not.toContain('_npx');
    expect(stdioEntryProblems(command, sqlite(dir))).toEqual([]);
  });

  it('hands a Postgres URL over in env, not in arguments other users can see', () => {
    const dir = tempDir();
    const url = 'postgres://me:secret@db.example/tasks';
    const bin = path.join(dir, 'gone', 'bin', 'taskdesk.js');
    const env: ClientEnvironment = { home: dir, platform: 'linux' };
    const command = claudeDesktopCommand({ kind: 'postgres', url }, { env, bin, node: process.execPath });
    expect(command).toEqual({ command: process.execPath, args: [bin, 'stdio'], env: { TASKDESK_DB: url } });
    // doctor reads the database from env too, and names a script that is gone.
    expect(stdioEntryProblems(command, { kind: 'postgres', url })).toEqual([`its command ${bin} does not exist`]);
  });
});
