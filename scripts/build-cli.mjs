// Bundles the CLI (and with it the server) into dist/cli, so `taskdesk` runs
// plain JavaScript: no TypeScript compiler loaded at run time, which keeps the
// server's memory down. Run by `npm install` (prepare), `npm test` and `npm run bench`.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/cli`;

fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: {
    taskdesk: `${root}main/cli/main.ts`,
    // The SQLite background writer runs in a worker thread; it is found beside the CLI.
    'background-writer-worker': `${root}main/db/sqlite/background-writer-worker.ts`,
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Separate chunks keep code that is imported lazily (the Postgres driver) out of a SQLite server's memory.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies stay in node_modules: native addons (better-sqlite3) cannot be bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The bundle finds its migrations beside itself (see main/db/migrations-dir.ts).
fs.cpSync(`${root}main/db/migrations`, `${out}/migrations`, { recursive: true });
