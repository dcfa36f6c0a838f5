import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../testing/young-generation-under-load.ts', import.meta.url));

function largestYoungGenerationMb(env: Record<string, string> = {}): number {
  const output = execFileSync(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return (JSON.parse(output) as { largestYoungMb: number }).largestYoungMb;
}

describe('server heap settings', () => {
  it('let the young generation grow under load to 8 MB and no further', () => {
    expect(largestYoungGenerationMb()).toBe(8);
  });

  it("leave V8's own growth in place with TASKDESK_V8_DEFAULTS=1", () => {
    expect(largestYoungGenerationMb({ TASKDESK_V8_DEFAULTS: '1' })).toBeGreaterThan(8);
  });
});
