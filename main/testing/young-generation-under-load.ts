/**
 * Run as its own process by heap-limits.test.ts (V8 flags are process-wide):
 * applies the server's heap settings, allocates like requests in flight, and
 * prints the largest young generation seen, in MB.
 */
import v8 from 'node:v8';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyServerHeapLimits } from '../app/heap-limits';

applyServerHeapLimits();
const youngMb = () =>
  (v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0) / 2 ** 20;
const inFlight: unknown[] = [];
let largest = youngMb();
for (let round = 0; round < 150; round++) {
  for (let request = 0; request < 50; request++) {
    inFlight.push(Array.from({ length: 2000 }, (_, i) => ({ i, text: `row ${i}` })));
    if (inFlight.length > 8) inFlight.shift();
  }
  largest = Math.max(largest, youngMb());
  // Lets the GC observer run between bursts, as a server's event loop would.
  await sleep(1);
}
process.stdout.write(`${JSON.stringify({ largestYoungMb: largest })}\n`);
