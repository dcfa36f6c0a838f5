import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

// The young generation (two semi-spaces) a busy server keeps: 4 MB semi-spaces.
const YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * V8 settings for a long-running server, applied at start-up (they take effect
 * at run time, so no node flags are needed).
 *
 * Old generation: grown by a quarter, not V8's default factor.
 *
 * Young generation: V8 starts it at 1 MB semi-spaces and, under load, doubles
 * it up to 16 MB. Held at 1 MB, a scavenge came every few requests, so the
 * objects of requests in flight lived through two of them and were promoted,
 * filling the old generation with garbage: peaks swung between 110 and 158 MB
 * from run to run of the same bench. Grown to 16 MB, the peak was 135-143 MB.
 * At 4 MB a request rarely outlives two scavenges and the peak held at
 * 111-114 MB. V8 sizes the young generation only by a start-up flag, so it is
 * steered instead: growth stays allowed while it is smaller than that and is
 * turned off once it gets there (V8 may shrink it again when the server idles;
 * growth is then allowed again). TASKDESK_V8_DEFAULTS=1 keeps V8's own settings.
 */
export function applyServerHeapLimits(): void {
  if (process.env.TASKDESK_V8_DEFAULTS === '1') return;
  v8.setFlagsFromString('--heap-growing-percent=25');
  let growing: boolean | undefined;
  const steer = () => {
    const grow = youngGenerationBytes() < YOUNG_GENERATION_BYTES;
    if (grow === growing) return;
    growing = grow;
    v8.setFlagsFromString(`--semi-space-growth-factor=${grow ? 2 : 1}`);
  };
  steer();
  // Every collection is reported here soon after it ends, so growth is
  // stopped before the young generation can grow a second time.
  new PerformanceObserver(steer).observe({ entryTypes: ['gc'] });
}
