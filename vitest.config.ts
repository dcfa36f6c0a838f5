import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TASKDESK_LOG_LEVEL: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['main/**/*.test.ts', 'shared/**/*.test.ts'],
          // Forks, not threads: better-sqlite3 is a native addon and the crash
          // tests spawn and kill child processes.
          pool: 'forks',
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
          // Component tests render in jsdom but talk to a real server over real HTTP.
          environment: 'jsdom',
          pool: 'forks',
          setupFiles: ['renderer/testing/setup.ts'],
        },
      },
    ],
  },
});
