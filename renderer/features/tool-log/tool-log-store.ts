import type { ToolCall } from '../../../shared/tool-call';

/** The most entries the view holds; the oldest are dropped first. */
export const MAX_ENTRIES = 50_000;

export interface ToolLogSnapshot {
  /** Newest first, at most `MAX_ENTRIES`. */
  calls: readonly ToolCall[];
  paused: boolean;
  /** Entries that arrived while paused; shown on resume. */
  held: number;
  /** Every client label and tool seen since the view opened, sorted. */
  clients: readonly string[];
  tools: readonly string[];
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
 * The log the view shows, outside React so a burst of events costs one merge
 * each and never a render-time side effect. Entries may arrive twice (from the
 * database and from the event stream); `known` makes each id count once.
 * Invariant: every id in `known` is in `calls` or `held`, or was cleared.
 */
export function createToolLogStore(max = MAX_ENTRIES) {
  let calls: ToolCall[] = [];
  let held: ToolCall[] = [];
  let paused = false;
  let known = new Set<string>();
  // Loads from the database skip what "Clear view" already cleared.
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
    return { calls, paused, held: held.length, clients: sortedClients, tools: sortedTools };
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
    /** Recent entries from the database, on opening and after every reconnection. */
    load: (recent: readonly ToolCall[]) => {
      add(recent.filter((call) => call.created_at > clearedThrough));
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
    /** Empties the view (never the database); what was cleared does not come back on a reload. */
    clear: () => {
      const newest = [calls[0], held[0]].filter((call) => call !== undefined).sort(newestFirst)[0];
      if (newest && newest.created_at > clearedThrough) clearedThrough = newest.created_at;
      calls = [];
      held = [];
      known = new Set();
      changed();
    },
  };
}

export type ToolLogStore = ReturnType<typeof createToolLogStore>;
