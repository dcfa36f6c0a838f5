import { codePointLength } from '../../shared/text-rules';

const MAX_STRING = 500;
const MAX_KEY = 100;
const MAX_DEPTH = 8;

// Agents may send text no database can store (Postgres refuses NUL in JSON,
// and nothing can encode half a surrogate pair); the log keeps a visible
// stand-in rather than losing the entry.
/* eslint-disable no-control-regex -- NUL is exactly what must be found */
const HAS_UNSTORABLE = /[\u0000\p{Cs}]/u;
const UNSTORABLE = /[\u0000\p{Cs}]/gu;
/* eslint-enable no-control-regex */

/** Text safe to store, cut at a whole character after `max` UTF-16 units, with how much was cut. */
export function loggableText(text: string, max: number): string {
  const clean = HAS_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, '\uFFFD') : text;
  if (clean.length <= max) return clean;
  // Do not cut between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(clean.charAt(max - 1)) ? max - 1 : max;
  return `${clean.slice(0, end)}… (${codePointLength(clean.slice(end))} more characters)`;
}

export interface TruncateLimits {
  /** Array items kept; the rest are counted. */
  maxItems: number;
  /** Replace a longer array by its length alone, instead of keeping its first items. */
  summariseLonger?: boolean;
}

export const ARGUMENT_LIMITS: TruncateLimits = { maxItems: 50 };
/** A page of tasks in a result is logged as its size: the tasks themselves are in the database already. */
export const RESULT_LIMITS: TruncateLimits = { maxItems: 10, summariseLonger: true };

/**
 * A copy of a logged value small enough to keep: long strings are cut (with
 * how much was cut), long arrays and deep nesting are summarised. The log
 * must stay bounded however large a caller's arguments were.
 */
export function truncateForLog(value: unknown, limits: TruncateLimits, depth = 0): unknown {
  if (typeof value === 'string') return loggableText(value, MAX_STRING);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) {
    if (limits.summariseLonger && value.length > limits.maxItems) return `[${value.length} items]`;
    const kept = value.slice(0, limits.maxItems).map((item) => truncateForLog(item, limits, depth + 1));
    return value.length > limits.maxItems ? [...kept, `… (${value.length - limits.maxItems} more items)`] : kept;
  }
  const entries = Object.entries(value).slice(0, 50);
  return Object.fromEntries(
    entries.map(([key, item]) => [loggableText(key, MAX_KEY), truncateForLog(item, limits, depth + 1)]),
  );
}
