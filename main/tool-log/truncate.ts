const MAX_STRING = 500;
const MAX_DEPTH = 8;

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
  if (typeof value === 'string') {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… (${value.length - MAX_STRING} more characters)`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) {
    if (limits.summariseLonger && value.length > limits.maxItems) return `[${value.length} items]`;
    const kept = value.slice(0, limits.maxItems).map((item) => truncateForLog(item, limits, depth + 1));
    return value.length > limits.maxItems ? [...kept, `… (${value.length - limits.maxItems} more items)`] : kept;
  }
  const entries = Object.entries(value).slice(0, 50);
  return Object.fromEntries(entries.map(([key, item]) => [key.slice(0, 100), truncateForLog(item, limits, depth + 1)]));
}
