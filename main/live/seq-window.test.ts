import { describe, expect, it } from 'vitest';
import { createSeqWindow } from './seq-window';

describe('the window of change-log numbers read', () => {
  it('reads on from the highest number read', () => {
    const window = createSeqWindow(10, 0);
    expect(window.unread(0)).toEqual({ after: 10, missing: [] });
    window.read([11, 12, 15], 0);
    expect(window.unread(0)).toEqual({ after: 15, missing: [] });
  });

  it('looks again into numbers skipped, for as long as a late commit may come', () => {
    const window = createSeqWindow(10, 5000);
    window.read([11, 15], 1000);
    expect(window.unread(1000)).toEqual({ after: 15, missing: [{ from: 12, to: 14 }] });
    expect(window.unread(5999).missing).toEqual([{ from: 12, to: 14 }]);
    expect(window.unread(6000).missing).toEqual([]);
  });

  it('cuts a late number out of its gap, so it is never read twice', () => {
    const window = createSeqWindow(0, 5000);
    window.read([1, 6], 0);
    window.read([3], 10);
    expect(window.unread(10)).toEqual({
      after: 6,
      missing: [
        { from: 2, to: 2 },
        { from: 4, to: 5 },
      ],
    });
    window.read([2, 4, 5], 20);
    expect(window.unread(20)).toEqual({ after: 6, missing: [] });
  });

  it('keeps a bounded number of gaps, giving up the oldest', () => {
    const window = createSeqWindow(0, 60_000);
    window.read(
      Array.from({ length: 100 }, (_, i) => i * 2 + 2),
      0,
    );
    const { missing } = window.unread(0);
    expect(missing).toHaveLength(64);
    expect(missing.at(-1)).toEqual({ from: 199, to: 199 });
  });

  it('looks below its start for late commits once per number, and not above it', () => {
    const window = createSeqWindow(10, 5000);
    window.lookBelow([{ from: 7, to: 8 }], 0);
    window.lookBelow([{ from: 8, to: 9 }], 0);
    window.lookBelow([{ from: 11, to: 12 }], 0);
    expect(window.unread(0)).toEqual({ after: 10, missing: [{ from: 7, to: 9 }] });
    window.read([8, 11], 10);
    window.lookBelow([{ from: 8, to: 8 }], 10);
    expect(window.unread(10).missing).toEqual([
      { from: 7, to: 7 },
      { from: 9, to: 9 },
    ]);
    expect(window.unread(5000).missing).toEqual([]);
  });

  it('looks for nothing below its start where numbers commit in order', () => {
    const window = createSeqWindow(10, 0);
    window.lookBelow([{ from: 7, to: 8 }], 0);
    expect(window.unread(0)).toEqual({ after: 10, missing: [] });
  });
});
