import { execFileSync } from 'node:child_process';

/** Tests that start `taskdesk` as a process must run the code as it is now, not an old bundle. */
export default function buildCli(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
