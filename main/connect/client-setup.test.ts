import { describe, expect, it } from 'vitest';
import { connectCommand } from './client-setup';
import { targetById } from './connect-test-kit';
import { shellWords } from '../testing/snippet-parsers';

describe('the connect command the connection panel shows', () => {
  const server = (location: Parameters<typeof connectCommand>[1]['location']) => ({ port: 37571, location });

  it('names the server’s port for HTTP clients and its database, quoted for a shell', async () => {
    const database = '/Users/me/Library/Application Support/taskdesk/taskdesk.db';
    const { command, note } = connectCommand(targetById('cursor'), server({ kind: 'sqlite', path: database }));
    expect(await shellWords(command)).toEqual([
      'npx',
      'taskdesk',
      'connect',
      'cursor',
      '--port',
      '37571',
      '--db',
      database,
    ]);
    expect(note).toBeNull();
    const desktop = connectCommand(targetById('claude-desktop'), server({ kind: 'sqlite', path: database })).command;
    expect(await shellWords(desktop)).toEqual(['npx', 'taskdesk', 'connect', 'claude-desktop', '--db', database]);
  });

  it('never shows a Postgres password: it says to add --db by hand instead', () => {
    const { command, note } = connectCommand(
      targetById('vscode'),
      server({ kind: 'postgres', url: 'postgres://me:s3cret@db.example:5432/tasks' }),
    );
    expect(command).toBe('npx taskdesk connect vscode --port 37571');
    expect(note).toMatch(/--db with your Postgres URL/);
    expect(`${command}${note}`).not.toContain('s3cret');
    const open = connectCommand(
      targetById('vscode'),
      server({ kind: 'postgres', url: 'postgres://me@db.example/tasks' }),
    );
    expect(open.command).toBe('npx taskdesk connect vscode --port 37571 --db "postgres://me@db.example/tasks"');
  });
});
