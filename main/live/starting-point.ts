import type { SeqRange } from '../db/change-log-repository';

/** Where a user's live events start. */
export interface StartingPoint {
  /** The newest committed change when the user began to be listened for: nothing up to it is shown... */
  seq: number;
  /**
   * ...except numbers below it that were handed out but not committed then
   * (Postgres takes a number before commit): such a change is news to the
   * user when it commits, so it is shown.
   */
  late: SeqRange[];
}

/** From the committed numbers among the newest `lookback` (ascending, see ChangeLogRepository.newestSeqs). */
export function startingPointOf(committed: readonly number[], lookback: number): StartingPoint {
  const seq = committed.at(-1) ?? 0;
  const late: SeqRange[] = [];
  let next = Math.max(seq - lookback, 0) + 1;
  for (const taken of committed) {
    if (taken > next) late.push({ from: next, to: taken - 1 });
    next = taken + 1;
  }
  return { seq, late };
}

/** Whether the change numbered `seq` is news to a user who started at `start`. */
export function isNewTo(start: StartingPoint, seq: number): boolean {
  return seq > start.seq || start.late.some((range) => range.from <= seq && seq <= range.to);
}
