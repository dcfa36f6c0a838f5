// Bundles the desktop app's main process and its preload into dist/electron,
// beside dist/renderer (built by `npm run build`). Run by `npm start`,
// `npm run dist` and `npm run build:electron`.
import fs from 'node:fs';
import { build } from 'esbuild';
import { bundleServer, root } from './bundle-server.mjs';

const out = `${root}dist/electron`;
const ELECTRON_NODE = 'node22'; // Electron 45 runs Node 22.
const ELECTRON_CHROME = 'chrome140'; // ... and Chromium 140.

// The main process: an ES module like the CLI bundle (package.json "main" points here). From sources
// the migrations are found beside it; the installed app ships them as resources (electron-builder.yml).
await bundleServer({ out, entry: { main: `${root}main/electron/main.ts` }, target: ELECTRON_NODE });

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

fs.cpSync(`${root}build/tray`, `${out}/tray`, { recursive: true });
