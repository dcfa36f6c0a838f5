import v8 from 'node:v8';

/**
 * V8 settings for a long-running server (they take effect at run time, so no
 * node flags are needed): the old generation grows by a quarter after each
 * full collection, not by V8's default factor of up to four.
 *
 * bin/taskdesk.js applies them before it loads the CLI, for every command:
 * loading the CLI's modules runs the first full collection, and the limit
 * that one sets decides how far the old generation grows before the next.
 * Applied later, from `serve`, that first limit came from V8's own factor and
 * the peak under `npm run bench` swung between 110 and 158 MB from run to run;
 * applied first, it held at 123-125 MB. Holding the young generation at its
 * starting 1 MB as well took the peak to 90 MB, but garbage collection then
 * took 8.7% of the CPU under list_tasks load instead of 2.9%, so it grows as
 * V8 likes. Short commands lose nothing by these settings.
 * TASKDESK_V8_DEFAULTS=1 keeps V8's own; bin/taskdesk.js reads it, since
 * this runs before the configuration module (config/environment.ts) loads.
 */
export function applyServerHeapLimits(keepV8Defaults: boolean): void {
  if (keepV8Defaults) return;
  v8.setFlagsFromString('--heap-growing-percent=25');
}
