// npm run dist: the installers for this platform. electron-builder rebuilds
// better-sqlite3 for Electron's ABI inside node_modules; afterwards (whether
// packaging worked or not) it is rebuilt for this Node again, or `npm test`
// and `taskdesk serve` would fail to load it.
import { spawnSync } from 'node:child_process';

const shell = process.platform === 'win32';
const builder = spawnSync('npx', ['electron-builder', '--publish', 'never', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell,
});
const restore = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell });
if (restore.status !== 0) console.error('Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3`.');
process.exit(builder.status ?? 1);
