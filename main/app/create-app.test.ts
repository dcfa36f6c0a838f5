import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { testConfig } from '../testing/test-config';
import { useTempDirs } from '../testing/temp-dir';
import { createApp, withApp } from './create-app';

const tempDir = useTempDirs();
const logger = createLogger('silent');

describe('the app core', () => {
  it('closes what it opened once, however often it is asked, and the database is then closed', async () => {
    const app = await createApp(testConfig({ db: path.join(tempDir(), 'core.db') }), logger);
    await app.services.users.ensure('someone', 'Someone');
    await Promise.all([app.close(), app.close()]);
    await app.close();
    await expect(Promise.resolve().then(() => app.handle.ping())).rejects.toThrow(/not open/);
  });

  it('closes the app of a command whose work failed, and passes the failure on', async () => {
    let opened: Awaited<ReturnType<typeof createApp>> | undefined;
    await expect(
      withApp(testConfig({ db: path.join(tempDir(), 'failed.db') }), logger, (app) => {
        opened = app;
        return Promise.reject(new Error('the command failed'));
      }),
    ).rejects.toThrow('the command failed');
    await expect(Promise.resolve().then(() => opened?.handle.ping())).rejects.toThrow(/not open/);
  });

  it('keeps a pause it was given: a second app over the same gate starts paused', async () => {
    const first = await createApp(testConfig({ db: path.join(tempDir(), 'paused.db') }), logger);
    first.pause.set(true);
    await first.close();
    const second = await createApp(testConfig({ db: path.join(tempDir(), 'paused.db') }), logger, {
      pause: first.pause,
    });
    try {
      expect(second.pause.refusal('add_task')).toMatch(/paused by its user/);
      expect(second.pause.refusal('health_check')).toBeUndefined();
    } finally {
      await second.close();
    }
  });
});
