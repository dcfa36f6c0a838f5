import { describe, expect, it } from 'vitest';
import { timeAgo } from './relative-time';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const before = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('timeAgo', () => {
  it.each([
    [5, 'just now'],
    [59, 'just now'],
    [120, '2 min ago'],
    [3599, '59 min ago'],
    [3 * 3600, '3 h ago'],
    [86_400, '1 day ago'],
    [5 * 86_400, '5 days ago'],
  ])('reads %i seconds back as "%s"', (seconds, text) => {
    expect(timeAgo(before(seconds), NOW)).toBe(text);
  });

  it('reads a time slightly ahead of the local clock as just now', () => {
    expect(timeAgo(new Date(NOW + 5000).toISOString(), NOW)).toBe('just now');
  });
});
