import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './fixtures/chromium';

/**
 * End-to-end tests against a real `taskdesk serve` (one per test, on a temp
 * data directory) in Chromium. This machine and CI use Debian's Chromium;
 * `npx playwright install` cannot download browsers here.
 * The `electron` project drives the desktop app in a real Electron where a
 * binary exists, and reports itself skipped, with the reason, where none does.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e',
  // Several specs take screenshots in four looks (two widths, two schemes); on a
  // loaded two-core runner that alone can pass 30 s. Each expectation keeps its own 5 s.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  globalSetup: './global-setup.ts',
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'electron/**',
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
    },
    { name: 'electron-build', testMatch: 'electron/build-electron.setup.ts' },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
      dependencies: ['electron-build'],
      // Each test starts the whole app (server, migrations, window); the first start also warms the disk cache.
      timeout: 60_000,
    },
  ],
});
