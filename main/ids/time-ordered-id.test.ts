import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTimeOrderedIds, timeOrderedId } from './time-ordered-id';

const timestampOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
const counterOf = (id: string) => Number.parseInt(id.slice(15, 18), 16);

/** A generator whose clock reads whatever `times` holds next (the last value once they run out). */
function onClock(...times: number[]) {
  let i = 0;
  return createTimeOrderedIds(() => times[Math.min(i++, times.length - 1)] ?? 0);
}

describe('time-ordered ids', () => {
  it('are UUIDv7s carrying the millisecond they were made in', () => {
    const id = onClock(0x0123456789ab)();
    expect(id.startsWith('01234567-89ab-7')).toBe(true);
    expect(z.uuidv7().safeParse(id).success).toBe(true);
    const before = Date.now();
    const current = timeOrderedId();
    expect(z.uuidv7().safeParse(current).success).toBe(true);
    expect(timestampOf(current)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(current)).toBeLessThanOrEqual(Date.now());
  });

  it('count on within a millisecond, start each new one low, and borrow exactly one millisecond when the counter runs out', () => {
    const base = 1_700_000_000_000;
    const next = onClock(...Array.from({ length: 5000 }, () => base), base + 7);
    const ids = Array.from({ length: 5001 }, () => next());
    expect(counterOf(ids[0]!)).toBeLessThanOrEqual(0x7ff);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    const borrowed = ids.findIndex((id) => timestampOf(id) === base + 1);
    // The first millisecond holds every counter value from its random start up to 0xfff.
    expect(borrowed).toBe(0x1000 - counterOf(ids[0]!));
    expect(counterOf(ids[borrowed]!)).toBe(0);
    // 5,000 ids always fit in base and base + 1; the clock's next reading (base + 7) starts afresh.
    expect(timestampOf(ids[4999]!)).toBe(base + 1);
    expect(timestampOf(ids[5000]!)).toBe(base + 7);
    expect(counterOf(ids[5000]!)).toBeLessThanOrEqual(0x7ff);
  });

  it('keep increasing when the clock goes back', () => {
    const base = 1_700_000_000_000;
    const next = onClock(base, base - 5000, base - 1, base);
    const ids = [next(), next(), next(), next()];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.map(timestampOf)).toEqual([base, base, base, base]);
  });

  it('draw a new counter start for each millisecond, and random bits and variant for each id', () => {
    const base = 1_700_000_000_000;
    const next = onClock(...Array.from({ length: 400 }, (_, i) => base + i));
    const ids = Array.from({ length: 400 }, () => next());
    const starts = new Set(ids.map(counterOf));
    expect(Math.max(...starts)).toBeLessThanOrEqual(0x7ff);
    expect(starts.size).toBeGreaterThan(300);
    expect(new Set(ids.map((id) => id.charAt(19)))).toEqual(new Set(['8', '9', 'a', 'b']));
    expect(new Set(ids.map((id) => id.slice(20))).size).toBe(400);
  });

  it('refuse a clock reading that is not whole milliseconds within 48 bits, and go on from the last good one', () => {
    const base = 1_700_000_000_000;
    for (const bad of [Number.NaN, -5, 1.5, base + 0.25, Infinity, 2 ** 48]) {
      const next = onClock(base, bad, base);
      const first = next();
      expect(() => next()).toThrow(RangeError);
      const after = next();
      expect(after > first).toBe(true);
      expect(timestampOf(after)).toBe(base);
    }
    expect(z.uuidv7().safeParse(onClock(2 ** 48 - 1)()).success).toBe(true);
  });
});
