import type { SeqRange } from '../db/change-log-repository';

/** At most this many gaps are watched; beyond it the oldest is given up (a burst of other users' changes). */
const MAX_GAPS = 64;

interface Gap extends SeqRange {
  /** Until when a late commit into this gap is still looked for (ms since the epoch). */
  until: number;
}

/**
 * Which change-log sequence numbers the feed has read. Everything up to
 * `high` has been read except the gaps: numbers skipped by what was read
 * (another user's events, a rolled-back transaction, or on Postgres a
 * transaction that took its number earlier and has not committed yet). Each
 * gap is read again for `lateCommitMs`, and what is read inside it is cut
 * out, so no event is handed out twice. Where numbers commit in order
 * (SQLite's single writer) `lateCommitMs` is 0 and no gap is kept.
 */
export function createSeqWindow(start: number, lateCommitMs: number) {
  let high = start;
  let gaps: Gap[] = [];
  /** Numbers up to `start` already handed to `lookBelow`: looked for once, so never read twice. */
  const lookedBelow = new Set<number>();

  function cutOut(seq: number): void {
    const index = gaps.findIndex((gap) => gap.from <= seq && seq <= gap.to);
    const gap = gaps[index];
    if (!gap) return;
    const parts = [
      { ...gap, to: seq - 1 },
      { ...gap, from: seq + 1 },
    ].filter((part) => part.from <= part.to);
    gaps.splice(index, 1, ...parts);
  }

  return {
    /** What to read: after `after`, or inside one of `missing`. */
    unread(now: number): { after: number; missing: SeqRange[] } {
      gaps = gaps.filter((gap) => gap.until > now);
      return { after: high, missing: gaps.map(({ from, to }) => ({ from, to })) };
    },
    /** Marks what a read returned (in seq order, every one unread) as read. */
    read(seqs: readonly number[], now: number): void {
      for (const seq of seqs) {
        if (seq <= high) {
          cutOut(seq);
          continue;
        }
        if (lateCommitMs > 0 && seq > high + 1) gaps.push({ from: high + 1, to: seq - 1, until: now + lateCommitMs });
        high = seq;
      }
      if (gaps.length > MAX_GAPS) gaps = gaps.slice(gaps.length - MAX_GAPS);
    },
    /**
     * Looks for late commits at or below where the window started (which it
     * has never read), for `lateCommitMs`: a listener that starts while a
     * transaction holding a lower number is still open. Parts above the start
     * need nothing: read already, inside a gap, or ahead.
     */
    lookBelow(ranges: readonly SeqRange[], now: number): void {
      if (lateCommitMs === 0) return;
      for (const range of ranges) {
        for (let seq = range.from; seq <= Math.min(range.to, start); seq++) {
          if (lookedBelow.has(seq)) continue;
          lookedBelow.add(seq);
          const last = gaps.at(-1);
          if (last && last.to === seq - 1 && last.until === now + lateCommitMs) last.to = seq;
          else gaps.push({ from: seq, to: seq, until: now + lateCommitMs });
        }
      }
      if (gaps.length > MAX_GAPS) gaps = gaps.slice(gaps.length - MAX_GAPS);
    },
    high: () => high,
  };
}

export type SeqWindow = ReturnType<typeof createSeqWindow>;
