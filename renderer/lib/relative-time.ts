const UNITS: [limitSeconds: number, seconds: number, unit: string][] = [
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [Infinity, 86_400, 'day'],
];

/** "just now", "2 min ago", "3 h ago", "5 days ago": coarse on purpose, it is read at a glance. */
export function timeAgo(iso: string, now: number): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (Number.isNaN(seconds)) return 'at an unknown time';
  if (seconds < 60) return 'just now';
  for (const [limit, size, unit] of UNITS) {
    if (seconds < limit) {
      const count = Math.floor(seconds / size);
      return `${count} ${unit}${unit === 'day' && count !== 1 ? 's' : ''} ago`;
    }
  }
  return 'long ago';
}

/** A calendar date in the reader's locale. */
export const formatDate = (iso: string): string =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** A date and time of day in the reader's locale: enough to tell two tokens made the same day apart. */
export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
