import { describe, expect, it } from 'vitest';
import { isNewTo, startingPointOf } from './starting-point';

describe("a listener's starting point", () => {
  it('starts at the newest committed number, late numbers being those missing below it', () => {
    const start = startingPointOf([3, 4, 7, 9], 8);
    expect(start).toEqual({
      seq: 9,
      late: [
        { from: 2, to: 2 },
        { from: 5, to: 6 },
        { from: 8, to: 8 },
      ],
    });
    expect([1, 2, 4, 6, 8, 9, 10].filter((seq) => isNewTo(start, seq))).toEqual([2, 6, 8, 10]);
  });

  it('starts at 0 with nothing late for an empty log', () => {
    expect(startingPointOf([], 128)).toEqual({ seq: 0, late: [] });
  });

  it('looks no lower than the first number', () => {
    expect(startingPointOf([2], 128)).toEqual({ seq: 2, late: [{ from: 1, to: 1 }] });
  });
});
