// Starts the desktop app from sources (after `npm start` has built it). Where
// no Electron binary can be had, it says so in one line and names the headless
// way to run the same app, then exits 1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first error line of the child's output, without its stack trace. */
function shortReason(stderr) {
  if (/Cannot find module 'electron'/.test(stderr)) return 'the electron package is not installed; run npm install';
  const line = stderr
    .split('\n')
    .map((each) => each.trim())
    .find((each) => /^\w*Error: /.test(each) && !each.includes('failed to install correctly'));
  return line ? `its download failed: ${line.replace(/^\w*Error: /, '')}` : 'its download failed';
}

/**
 * The electron package's own resolution: ELECTRON_OVERRIDE_DIST_PATH, else the
 * binary it installed, else a download on first use. It runs in a child so its
 * progress and stack traces stay out of the one line this script prints.
 */
function resolveElectron() {
  const print = 'process.stdout.write("\\n" + JSON.stringify(require("electron")))';
  const result = spawnSync(process.execPath, ['-e', print], {
    cwd: root,
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (result.error)
    return { reason: result.error.code === 'ETIMEDOUT' ? 'its download timed out' : result.error.message };
  if (result.status !== 0) return { reason: shortReason(result.stderr) };
  const binary = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return fs.existsSync(binary) ? { binary } : { reason: `there is no Electron binary at ${binary}` };
}

// Electron's downloader (@electron/get 5) needs Node 22.12 or newer; on older Node its failure says little.
const [major, minor] = process.versions.node.split('.').map(Number);
const oldNode = major < 22 || (major === 22 && minor < 12);
const { binary, reason } = resolveElectron();
if (!binary) {
  const hint =
    oldNode && !process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? `; its downloader needs Node 22.12+, this is ${process.versions.node}`
      : '';
  process.stderr.write(
    `Electron could not be obtained (${reason}${hint}); run the same app headless with: npx taskdesk serve\n`,
  );
  process.exit(1);
}

const env = { ...process.env };
// Left over from a parent tool, it would start Electron as plain Node instead of the app.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
// The app drains requests and closes the database on these signals (main/electron/quit.ts).
for (const signal of SIGNALS) process.on(signal, () => child.exitCode === null && child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.stderr.write(`Electron exited on ${signal}\n`);
  process.exit(code ?? 1);
});
child.on('error', (error) => {
  process.stderr.write(
    `Electron could not be started (${error.message}); run the same app headless with: npx taskdesk serve\n`,
  );
  process.exit(1);
});
