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
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
