// Bundles the desktop app's main process and its preload into dist/electron,
// beside dist/renderer (built by `npm run build`). Run by `npm start`,
// `npm run dist` and `npm run build:electron`.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/electron`;
const ELECTRON_NODE = 'node22'; // Electron 45 runs Node 22.
const ELECTRON_CHROME = 'chrome140'; // ... and Chromium 140.

fs.rmSync(out, { recursive: true, force: true });

// The main process: an ES module, like the CLI bundle (package.json "main" points here).
await build({
  entryPoints: {
    main: `${root}main/electron/main.ts`,
    // The SQLite background writer runs in a worker thread; the server finds it beside the bundle.
    'background-writer-worker': `${root}main/db/sqlite/background-writer-worker.ts`,
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: ELECTRON_NODE,
  // electron, native addons (better-sqlite3) and the optional pg-native stay packages: the app ships them in node_modules.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// The preload: one CommonJS file with shared/ code inlined, since a sandboxed
// preload can neither be an ES module nor require files of its own.
await build({
  entryPoints: [`${root}main/electron/preload.ts`],
  outfile: `${out}/preload.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: ELECTRON_CHROME,
  external: ['electron'],
  logLevel: 'warning',
});

// From sources the migrations are found beside the bundle (main/db/migrations-dir.ts); the installed
// app ships them as resources instead (electron-builder.yml, extraResources).
fs.cpSync(`${root}main/db/migrations`, `${out}/migrations`, { recursive: true });
fs.cpSync(`${root}build/tray`, `${out}/tray`, { recursive: true });
