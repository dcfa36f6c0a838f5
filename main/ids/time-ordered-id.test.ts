import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from './time-ordered-id';

const timestampOf = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

describe('timeOrderedId', () => {
  it('is a valid UUID version 7 carrying the time it was made', () => {
    const now = Date.now();
    const id = timeOrderedId(now);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(['8', '9', 'a', 'b']).toContain(id.charAt(19));
    expect(timestampOf(id)).toBeGreaterThanOrEqual(now);
  });

  it('keeps strictly increasing through bursts in one millisecond and a clock that goes back', () => {
    const base = Date.now() + 60_000;
    const ids = [
      ...Array.from({ length: 5000 }, () => timeOrderedId(base)),
      ...Array.from({ length: 10 }, () => timeOrderedId(base - 5000)),
      timeOrderedId(base + 1),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 5,000 ids cannot fit one millisecond's 12-bit counter: the rest borrow the next milliseconds, never more than needed.
    expect(timestampOf(ids.at(-1)!)).toBeLessThanOrEqual(base + 3);
  });

  it('differs in its random part between ids of the same millisecond', () => {
    const now = Date.now() + 120_000;
    const tails = new Set(Array.from({ length: 100 }, () => timeOrderedId(now).slice(19)));
    expect(tails.size).toBe(100);
  });
});
