import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppConfig } from './app-config';
import { ConfigError } from './database-location';
import { readEnvironment } from './environment';

describe('the configuration', () => {
  it('takes a flag over its environment variable, and the variable over the default', () => {
    const environment = readEnvironment({
      TASKDESK_DB: '/srv/env.db',
      TASKDESK_PORT: '7500',
      TASKDESK_LOG_RETENTION: '50',
      TASKDESK_DATA_DIR: '/srv/taskdesk',
    });
    expect(resolveAppConfig({}, environment)).toMatchObject({
      database: { kind: 'sqlite', path: '/srv/env.db' },
      dataDir: '/srv/taskdesk',
      port: 7500,
      logRetention: 50,
      host: '127.0.0.1',
      allowedHosts: [],
    });
    expect(
      resolveAppConfig({ db: '/srv/flag.db', port: 0, logRetention: 5, dataDir: '/srv/other' }, environment),
    ).toMatchObject({
      database: { kind: 'sqlite', path: '/srv/flag.db' },
      port: 0,
      logRetention: 5,
      dataDir: '/srv/other',
    });
  });

  it('uses the defaults when nothing is said, and treats a blank variable as unset', () => {
    const config = resolveAppConfig(
      {},
      readEnvironment({ TASKDESK_DB: '  ', TASKDESK_PORT: '', TASKDESK_DATA_DIR: '/d' }),
    );
    expect(config).toMatchObject({ port: 7410, logRetention: 10_000, logLevel: 'info' });
    expect(config.database).toEqual({ kind: 'sqlite', path: path.join('/d', 'taskdesk.db') });
  });

  it('reads DATABASE_URL when TASKDESK_DB is not set, and TASKDESK_DB first when both are', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/teams';
    expect(resolveAppConfig({}, readEnvironment({ DATABASE_URL: url })).database).toEqual({ kind: 'postgres', url });
    expect(resolveAppConfig({}, readEnvironment({ DATABASE_URL: url, TASKDESK_DB: '/srv/mine.db' })).database).toEqual({
      kind: 'sqlite',
      path: '/srv/mine.db',
    });
  });

  it('refuses a bad value at start-up, naming the variable, what it must be and what it got', () => {
    expect(() => readEnvironment({ TASKDESK_PORT: '70000' })).toThrow(
      new ConfigError('TASKDESK_PORT must be a whole number from 0 to 65535; got "70000"'),
    );
    expect(() => readEnvironment({ TASKDESK_LOG_RETENTION: '0' })).toThrow(
      new ConfigError('TASKDESK_LOG_RETENTION must be a whole number of at least 1; got "0"'),
    );
    expect(() => readEnvironment({ TASKDESK_LOG_LEVEL: 'loud' })).toThrow(
      /^TASKDESK_LOG_LEVEL must be one of fatal, error/,
    );
    expect(() => readEnvironment({ TASKDESK_DB: 'mysql://db/tasks' })).not.toThrow();
    expect(() => resolveAppConfig({}, readEnvironment({ TASKDESK_DB: 'mysql://db/tasks' }))).toThrow(ConfigError);
  });

  it('is frozen: no module can change what another was configured with', () => {
    const config = resolveAppConfig({ allowedHosts: ['tasks.lan'] }, readEnvironment({}));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.allowedHosts)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(readEnvironment({}).clientFolders)).toBe(true);
  });
});
