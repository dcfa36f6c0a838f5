import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts'],
    // Forks, not threads: better-sqlite3 is a native addon and the crash
    // tests spawn and kill child processes.
    pool: 'forks',
    globalSetup: ['vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TASKDESK_LOG_LEVEL: 'silent' },
  },
});
