const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 8;

/**
 * A copy of a logged value small enough to keep: long strings are cut (with
 * how much was cut), long arrays and deep nesting are summarised. The log
 * must stay bounded however large a caller's arguments were.
 */
export function truncateForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… (${value.length - MAX_STRING} more characters)`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested too deeply]';
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ITEMS).map((item) => truncateForLog(item, depth + 1));
    return value.length > MAX_ITEMS ? [...kept, `… (${value.length - MAX_ITEMS} more items)`] : kept;
  }
  const entries = Object.entries(value).slice(0, MAX_ITEMS);
  return Object.fromEntries(entries.map(([key, item]) => [key.slice(0, 100), truncateForLog(item, depth + 1)]));
}
