import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describePostgresUrl, parseDatabaseLocation } from './database-location';

const DATA = '/data/taskdesk';

describe('parseDatabaseLocation', () => {
  it('defaults to taskdesk.db in the data directory', () => {
    expect(parseDatabaseLocation(undefined, DATA)).toEqual({ kind: 'sqlite', path: '/data/taskdesk/taskdesk.db' });
    expect(parseDatabaseLocation('  ', DATA)).toEqual({ kind: 'sqlite', path: '/data/taskdesk/taskdesk.db' });
  });

  it('takes postgres:// and postgresql:// URLs as Postgres', () => {
    expect(parseDatabaseLocation('postgres://u@h:5432/db', DATA)).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
    expect(parseDatabaseLocation('POSTGRESQL://u@h/db', DATA).kind).toBe('postgres');
  });

  it('takes plain and sqlite:-prefixed paths as SQLite files, resolved from the working directory', () => {
    expect(parseDatabaseLocation('/abs/tasks.db', DATA)).toEqual({ kind: 'sqlite', path: '/abs/tasks.db' });
    expect(parseDatabaseLocation('rel/tasks.db', DATA)).toEqual({ kind: 'sqlite', path: path.resolve('rel/tasks.db') });
    expect(parseDatabaseLocation('sqlite:/abs/tasks.db', DATA)).toEqual({ kind: 'sqlite', path: '/abs/tasks.db' });
    expect(parseDatabaseLocation('sqlite:///abs/tasks.db', DATA)).toEqual({ kind: 'sqlite', path: '/abs/tasks.db' });
  });

  it('refuses other URL schemes and malformed URLs with one clear line', () => {
    expect(() => parseDatabaseLocation('mysql://h/db', DATA)).toThrow(
      new ConfigError(
        'database URL scheme "mysql:" is not supported; use postgres://... for Postgres or a file path for SQLite',
      ),
    );
    expect(() => parseDatabaseLocation('postgres://user:hunter2@[oops/db', DATA)).toThrow(
      'database URL is not a valid URL: postgres://user:***@[oops/db',
    );
    expect(() => parseDatabaseLocation('sqlite:', DATA)).toThrow(ConfigError);
  });

  it('never shows a password when describing a URL', () => {
    expect(describePostgresUrl('postgres://me:s3cret@db.example:5432/tasks')).toBe(
      'postgres://me:***@db.example:5432/tasks',
    );
  });
});
