import { describe, expect, it } from 'vitest';
import { parseDateWords } from './date-words';

// A Wednesday.
const TODAY = '2026-12-09';
const field = (text: string) => parseDateWords(text, TODAY, { abbreviations: true });

describe('parseDateWords', () => {
  it('reads today, tomorrow and the next such weekday (a week on when it is today)', () => {
    expect(field('today')).toBe('2026-12-09');
    expect(field('Tomorrow')).toBe('2026-12-10');
    expect(field('friday')).toBe('2026-12-11');
    expect(field('wednesday')).toBe('2026-12-16');
    expect(field('next friday')).toBe('2026-12-18');
    expect(field('mon')).toBe('2026-12-14');
  });

  it('reads "in N days", "next week", a day and month (next year once passed) and ISO dates', () => {
    expect(field('in 3 days')).toBe('2026-12-12');
    expect(field('in 2 weeks')).toBe('2026-12-23');
    expect(field('next week')).toBe('2026-12-16');
    expect(field('24 Dec')).toBe('2026-12-24');
    expect(field('dec 24')).toBe('2026-12-24');
    expect(field('1 march')).toBe('2027-03-01');
    expect(field('5 May 2030')).toBe('2030-05-05');
    expect(field('2027-01-31')).toBe('2027-01-31');
  });

  it('understands nothing else, and no weekday abbreviations where a title could mean the word', () => {
    expect(field('someday')).toBeUndefined();
    expect(field('31 feb')).toBeUndefined();
    expect(field('may')).toBeUndefined();
    expect(parseDateWords('sun', TODAY, { abbreviations: false })).toBeUndefined();
    expect(parseDateWords('sunday', TODAY, { abbreviations: false })).toBe('2026-12-13');
  });
});
