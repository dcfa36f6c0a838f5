#!/usr/bin/env node
// Runs the bundled CLI that `npm install` builds (scripts/build-cli.mjs). If
// the bundle is missing (install scripts were skipped), runs the TypeScript
// sources through tsx instead, so `npx taskdesk` always works.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/taskdesk.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/main.ts');
}
