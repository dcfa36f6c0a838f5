import { execFileSync } from 'node:child_process';
import { test } from '@playwright/test';
import { electronSuiteTitle, findElectron, ROOT } from './electron-binary';

const electron = findElectron();

// The global setup builds the CLI and the UI; the desktop main process and preload are bundled here, once.
test.describe(electronSuiteTitle('desktop bundle', electron), () => {
  test.skip(electron.binary === undefined, electron.missing);
  test('bundles the desktop main process and its preload', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: ROOT, stdio: 'inherit' });
  });
});
