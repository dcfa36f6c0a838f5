// The one way the server is bundled, for the CLI (dist/cli) and for the
// desktop app's main process (dist/electron): an ES module with its
// dependencies left in node_modules and the migrations copied next to it
// (main/db/migrations-dir.ts looks there).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles `entry` (a name and a source file) into `out`, emptied first, for the given Node target. */
export async function bundleServer({ out, entry, target }) {
  fs.rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: entry,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Separate chunks keep code that is imported lazily (the Postgres driver) out of a SQLite server's memory.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target,
    // Dependencies stay in node_modules: native addons (better-sqlite3), electron and the optional pg-native cannot be bundled.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  fs.cpSync(`${root}main/db/migrations`, `${out}/migrations`, { recursive: true });
}
