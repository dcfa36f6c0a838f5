import type { ToolCall } from '../../../shared/tool-call';

/** The most entries the view holds; the oldest are dropped first. */
export const MAX_ENTRIES = 50_000;

export interface ToolLogSnapshot {
  /** Newest first, at most `MAX_ENTRIES`. */
  calls: readonly ToolCall[];
  paused: boolean;
  /** Entries that arrived while paused; shown on resume. */
  held: number;
  /** Every client label and tool seen live since the view opened, sorted. */
  clients: readonly string[];
  tools: readonly string[];
  /** "Clear view" hides every call up to this time ('' until used), older pages included. */
  clearedThrough: string;
}

const newestFirst = (a: ToolCall, b: ToolCall) =>
  a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0;

/** Merges two newest-first lists in one pass. */
function mergeNewestFirst(a: readonly ToolCall[], b: readonly ToolCall[]): ToolCall[] {
  const merged: ToolCall[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const left = a[i];
    const right = b[j];
    if (left === undefined) return right === undefined ? merged : merged.concat(b.slice(j));
    if (right === undefined) return merged.concat(a.slice(i));
    if (newestFirst(left, right) <= 0) {
      merged.push(left);
      i++;
    } else {
      merged.push(right);
      j++;
    }
  }
}

/**
 * The calls that arrived live since the view opened, outside React so a burst
 * of events costs one merge each and never a render-time side effect (older
 * calls come from the server's pages). `known` makes each id count once.
 * Invariant: every id in `known` is in `calls` or `held`, or was cleared.
 */
export function createToolLogStore(max = MAX_ENTRIES) {
  let calls: ToolCall[] = [];
  let held: ToolCall[] = [];
  let paused = false;
  let known = new Set<string>();
  let clearedThrough = '';
  const clients = new Set<string>();
  const tools = new Set<string>();
  // Rebuilt only when a new client or tool appears, so the filter dropdowns re-render only then.
  let sortedClients: readonly string[] = [];
  let sortedTools: readonly string[] = [];
  let snapshot = makeSnapshot();
  const listeners = new Set<() => void>();

  function makeSnapshot(): ToolLogSnapshot {
    if (sortedClients.length !== clients.size) sortedClients = [...clients].sort();
    if (sortedTools.length !== tools.size) sortedTools = [...tools].sort();
    return { calls, paused, held: held.length, clients: sortedClients, tools: sortedTools, clearedThrough };
  }

  function changed() {
    snapshot = makeSnapshot();
    for (const listener of listeners) listener();
  }

  function add(incoming: readonly ToolCall[]) {
    const fresh = incoming.filter((call) => !known.has(call.id));
    if (fresh.length === 0) return;
    for (const call of fresh) {
      known.add(call.id);
      clients.add(call.client_label);
      tools.add(call.tool);
    }
    const sorted = fresh.length === 1 ? fresh : [...fresh].sort(newestFirst);
    if (paused) held = trimmed(mergeNewestFirst(sorted, held));
    else calls = trimmed(mergeNewestFirst(sorted, calls));
    changed();
  }

  /** Keeps the newest `max` entries, forgetting the ids of those dropped. */
  function trimmed(list: ToolCall[]): ToolCall[] {
    if (list.length <= max) return list;
    const kept = list.slice(0, max);
    for (const dropped of list.slice(max)) known.delete(dropped.id);
    return kept;
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /** Entries from the event stream, a frame's worth at a time: one merge and one notification for all of them. */
    receive: (...calls: ToolCall[]) => {
      add(calls);
    },
    pause: () => {
      if (paused) return;
      paused = true;
      changed();
    },
    resume: () => {
      if (!paused) return;
      paused = false;
      calls = trimmed(mergeNewestFirst(held, calls));
      held = [];
      changed();
    },
    /** Empties the view (never the database) up to `newestShown`; what was cleared does not come back on a reload. */
    clear: (newestShown?: string) => {
      const newest = [calls[0]?.created_at, held[0]?.created_at, newestShown]
        .filter((at) => at !== undefined)
        .sort()
        .at(-1);
      if (newest && newest > clearedThrough) clearedThrough = newest;
      calls = [];
      held = [];
      known = new Set();
      changed();
    },
  };
}

export type ToolLogStore = ReturnType<typeof createToolLogStore>;
