#!/usr/bin/env node
// Runs the bundled CLI that `npm install` builds (scripts/build-cli.mjs). If
// the bundle is missing (install scripts were skipped), runs the TypeScript
// sources through tsx instead, so `npx taskdesk` always works.
import { existsSync } from 'node:fs';

// V8's heap settings go in before the CLI's modules load: loading them runs
// the first full garbage collection, which decides how far the heap may grow
// before the next (main/app/heap-limits.ts). This is the one setting read
// here rather than in main/config/environment.ts: it must act before that loads.
const keepV8Defaults = process.env.TASKDESK_V8_DEFAULTS?.trim() === '1';
const bundle = new URL('../dist/cli/taskdesk.mjs', import.meta.url);
const heapLimits = new URL('../dist/cli/heap-limits.mjs', import.meta.url);
// Both or neither: a bundle built before heap-limits.mjs existed runs from the sources instead.
if (existsSync(bundle) && existsSync(heapLimits)) {
  const { applyServerHeapLimits } = await import(heapLimits.href);
  applyServerHeapLimits(keepV8Defaults);
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { applyServerHeapLimits } = await import('../main/app/heap-limits.ts');
  applyServerHeapLimits(keepV8Defaults);
  await import('../main/cli/main.ts');
}
