import v8 from 'node:v8';

/**
 * V8 settings for a long-running server, applied at start-up (they take effect
 * at run time, so no node flags are needed). Under load V8 would double the
 * young generation and let the old one grow by its default factor, which took
 * `taskdesk serve` to 200-220 MB resident. Keeping the young generation at its
 * starting size and growing the old one by a quarter held the peak near
 * 130 MB in `npm run bench`, for about a tenth of list_tasks throughput.
 * TASKDESK_V8_DEFAULTS=1 keeps V8's own settings.
 */
export function applyServerHeapLimits(): void {
  if (process.env.TASKDESK_V8_DEFAULTS === '1') return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=25');
}
