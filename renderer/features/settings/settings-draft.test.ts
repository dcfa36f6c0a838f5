import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '../../../shared/desktop';
import { checkSettings, draftOf } from './settings-draft';

describe('settings draft', () => {
  it('gives back the settings it was made from', () => {
    const settings = {
      port: 7411,
      database: { kind: 'postgres' as const, url: 'postgres://tasks@db.local/tasks' },
      start_at_login: true,
      allowed_hosts: ['my-laptop.local'],
    };
    expect(checkSettings(draftOf(settings))).toEqual({ ok: true, value: settings });
    expect(checkSettings(draftOf(DEFAULT_DESKTOP_SETTINGS))).toEqual({ ok: true, value: DEFAULT_DESKTOP_SETTINGS });
  });

  it('leaves an empty SQLite path out, so the app uses its default file', () => {
    const draft = { ...draftOf(DEFAULT_DESKTOP_SETTINGS), sqlitePath: '  ' };
    expect(checkSettings(draft)).toMatchObject({ ok: true, value: { database: { kind: 'sqlite' } } });
    expect(checkSettings({ ...draft, sqlitePath: '/data/tasks.db' })).toMatchObject({
      value: { database: { kind: 'sqlite', path: '/data/tasks.db' } },
    });
  });

  it("files each of the shared schema's messages under its field", () => {
    const draft = { ...draftOf(DEFAULT_DESKTOP_SETTINGS), port: 'seventy', databaseKind: 'postgres' as const };
    expect(checkSettings(draft)).toEqual({
      ok: false,
      errors: {
        port: 'port must be a number',
        database: 'the Postgres URL must start with postgres:// or postgresql://',
      },
    });
    expect(checkSettings({ ...draft, port: '' })).toMatchObject({ errors: { port: 'port must be a number' } });
    expect(checkSettings({ ...draft, port: '8080.5' })).toMatchObject({
      errors: { port: 'port must be a whole number' },
    });
  });
});
