import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../shared/tool-call';
import { makeCall } from '../../testing/tool-call-fixture';
import { createToolLogStore, MAX_ENTRIES } from './tool-log-store';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => makeCall(from + i));
const ids = (calls: readonly ToolCall[]) => calls.map((call) => call.id);

describe('tool log store', () => {
  it('holds 50,000 entries, newest first, and drops the oldest beyond that', () => {
    const store = createToolLogStore();
    store.load(range(0, MAX_ENTRIES).reverse());
    expect(store.getSnapshot().calls).toHaveLength(MAX_ENTRIES);

    for (const call of range(MAX_ENTRIES, MAX_ENTRIES + 25)) store.receive(call);
    const { calls } = store.getSnapshot();
    expect(calls).toHaveLength(MAX_ENTRIES);
    expect(calls[0]?.id).toBe(`call-${MAX_ENTRIES + 24}`);
    expect(calls.at(-1)?.id).toBe('call-25');
  });

  it('caps a burst larger than the limit in one load', () => {
    const store = createToolLogStore();
    store.load(range(0, MAX_ENTRIES + 5000));
    const { calls } = store.getSnapshot();
    expect(calls).toHaveLength(MAX_ENTRIES);
    expect(calls[0]?.id).toBe(`call-${MAX_ENTRIES + 4999}`);
    expect(calls.at(-1)?.id).toBe('call-5000');
  });

  it('counts an entry once when it arrives both from the database and live', () => {
    const store = createToolLogStore();
    store.receive(makeCall(2));
    store.load([makeCall(3), makeCall(2), makeCall(1)]);
    store.receive(makeCall(3));
    expect(ids(store.getSnapshot().calls)).toEqual(['call-3', 'call-2', 'call-1']);
  });

  it('keeps entries in time order when a reload brings ones missed while disconnected', () => {
    const store = createToolLogStore();
    store.receive(makeCall(1));
    store.receive(makeCall(5));
    store.load([makeCall(5), makeCall(4), makeCall(3), makeCall(1), makeCall(0)]);
    expect(ids(store.getSnapshot().calls)).toEqual(['call-5', 'call-4', 'call-3', 'call-1', 'call-0']);
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

  it('does not bring cleared entries back on a reload, but shows later ones', () => {
    const store = createToolLogStore();
    store.load([makeCall(2), makeCall(1)]);
    store.clear();
    expect(store.getSnapshot().calls).toEqual([]);

    store.load([makeCall(3), makeCall(2), makeCall(1)]);
    expect(ids(store.getSnapshot().calls)).toEqual(['call-3']);
  });

  it('lists every client and tool seen, sorted', () => {
    const store = createToolLogStore();
    store.load([makeCall(1, { tool: 'list_tasks' }), makeCall(2), makeCall(3, { client_label: 'Aider' })]);
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
