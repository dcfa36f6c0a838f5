import type { ToolCall } from '../../../shared/tool-call';

const newerFirst = (a: ToolCall, b: ToolCall) =>
  a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/**
 * What Activity lists, newest first: the server's pages and the live calls
 * that match the filter, each call once (a call can be in both), none at or
 * before what "Clear view" cleared. A live call older than the last loaded
 * page waits for the page that holds it, so it is never shown out of place.
 */
export function mergeCalls(
  live: readonly ToolCall[],
  paged: readonly ToolCall[],
  morePages: boolean,
  clearedThrough: string,
): readonly ToolCall[] {
  const inPages = new Set(paged.map((call) => call.id));
  const oldest = morePages ? (paged.at(-1)?.created_at ?? '') : '';
  // Calls are logged when they finish but timed from their start, so a slow one can land below a newer one.
  const fresh = live.filter((call) => !inPages.has(call.id) && call.created_at >= oldest);
  const first = paged[0];
  // The usual case, new calls above the pages, is a concatenation; only a late slow call needs a sort.
  const merged =
    fresh.length === 0
      ? paged
      : first === undefined || fresh.every((call) => newerFirst(call, first) < 0)
        ? [...fresh, ...paged]
        : [...fresh, ...paged].sort(newerFirst);
  return clearedThrough === '' ? merged : merged.filter((call) => call.created_at > clearedThrough);
}
