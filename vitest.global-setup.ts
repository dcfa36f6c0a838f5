import { execFileSync } from 'node:child_process';

/**
 * Tests that start `taskdesk` as a process, or load the UI from a server,
 * must run the code as it is now, not an old build.
 */
export default function build(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  // vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
