import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertChromium } from './fixtures/chromium';

/** The tests start `taskdesk serve` from the bundle and load the built UI: both must be current. */
export default function build(): void {
  assertChromium();
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    // npm is npm.cmd on Windows, which only a shell runs.
    shell: process.platform === 'win32',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
