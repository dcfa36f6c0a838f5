import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../shared/tool-call';
import { makeCall } from '../../testing/tool-call-fixture';
import { createToolLogStore, MAX_ENTRIES } from './tool-log-store';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => makeCall(from + i));
const ids = (calls: readonly ToolCall[]) => calls.map((call) => call.id);

describe('tool log store', () => {
  it('holds 50,000 entries, newest first, and drops the oldest beyond that', () => {
    const store = createToolLogStore();
    store.receive(...range(0, MAX_ENTRIES));
    expect(store.getSnapshot().calls).toHaveLength(MAX_ENTRIES);

    for (const call of range(MAX_ENTRIES, MAX_ENTRIES + 25)) store.receive(call);
    const { calls } = store.getSnapshot();
    expect(calls).toHaveLength(MAX_ENTRIES);
    expect(calls[0]?.id).toBe(`call-${MAX_ENTRIES + 24}`);
    expect(calls.at(-1)?.id).toBe('call-25');
  });

  it('caps a burst larger than the limit in one frame', () => {
    const store = createToolLogStore();
    store.receive(...range(0, MAX_ENTRIES + 5000));
    const { calls } = store.getSnapshot();
    expect(calls).toHaveLength(MAX_ENTRIES);
    expect(calls[0]?.id).toBe(`call-${MAX_ENTRIES + 4999}`);
    expect(calls.at(-1)?.id).toBe('call-5000');
  });

  it('counts an entry once when it arrives twice', () => {
    const store = createToolLogStore();
    store.receive(makeCall(2));
    store.receive(makeCall(3), makeCall(2), makeCall(1));
    store.receive(makeCall(3));
    expect(ids(store.getSnapshot().calls)).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('holds entries while paused and shows them on resume', () => {
    const store = createToolLogStore();
    store.receive(makeCall(1));
    store.pause();
    store.receive(makeCall(2));
    store.receive(makeCall(3));
    expect(store.getSnapshot()).toMatchObject({ paused: true, held: 2 });
    expect(ids(store.getSnapshot().calls)).toEqual(['call-1']);

    store.resume();
    expect(store.getSnapshot()).toMatchObject({ paused: false, held: 0 });
    expect(ids(store.getSnapshot().calls)).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('clears through the newest call shown, pages included, and shows later ones', () => {
    const store = createToolLogStore();
    store.receive(makeCall(1));
    store.clear(makeCall(2).created_at);
    expect(store.getSnapshot().calls).toEqual([]);
    expect(store.getSnapshot().clearedThrough).toBe(makeCall(2).created_at);
    store.receive(makeCall(3));
    expect(ids(store.getSnapshot().calls)).toEqual(['call-3']);
  });

  it('lists every client and tool seen, sorted', () => {
    const store = createToolLogStore();
    store.receive(makeCall(1, { tool: 'list_tasks' }), makeCall(2), makeCall(3, { client_label: 'Aider' }));
    expect(store.getSnapshot().clients).toEqual(['Aider', 'Claude Code', 'Cursor']);
    expect(store.getSnapshot().tools).toEqual(['add_task', 'list_tasks']);
  });

  it('tells subscribers of every change and hands them a new snapshot', () => {
    const store = createToolLogStore();
    const before = store.getSnapshot();
    let notified = 0;
    const stop = store.subscribe(() => notified++);
    store.receive(makeCall(1));
    store.receive(makeCall(1));
    stop();
    store.receive(makeCall(2));
    expect(notified).toBe(1);
    expect(store.getSnapshot()).not.toBe(before);
  });
});
