import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import { applyTaskChange, createVersionGate, placeWindow, type LoadedTasks } from './apply-task-change';
import { DEFAULT_FILTERS, type TaskFilters } from './task-filters';

const task = (id: string, fields: Partial<Task> = {}): Task => ({
  id,
  title: `Task ${id}`,
  description: null,
  completed: false,
  completed_at: null,
  priority: 'none',
  due_date: null,
  tags: [],
  created_at: `2025-01-01T00:00:0${id}.000Z`,
  updated_at: `2025-01-01T00:00:0${id}.000Z`,
  version: 1,
  deleted_at: null,
  project: null,
  parent_id: null,
  blocked: false,
  blocked_by: [],
  claim: null,
  subtasks: { open: 0, total: 0 },
  ...fields,
});
const ids = (loaded: LoadedTasks) => loaded.rows.map((row) => row?.id ?? '?');
const list = (...rows: (Task | undefined)[]): LoadedTasks => ({ rows });
const byDue: TaskFilters = { ...DEFAULT_FILTERS, sort: 'due_date' };

describe('applyTaskChange', () => {
  it('inserts a new task at its sorted place, and the list grows by one', () => {
    const placed = applyTaskChange(list(task('5'), task('3')), task('4'), DEFAULT_FILTERS);
    expect(ids(placed.loaded)).toEqual(['5', '4', '3']);
    expect(placed.certain).toBe(true);
  });

  it('puts a new task on top of a list whose first window is loaded, however much is not', () => {
    const placed = applyTaskChange(list(task('5'), task('3'), undefined, undefined), task('6'), DEFAULT_FILTERS, 'new');
    expect(ids(placed.loaded)).toEqual(['6', '5', '3', '?', '?']);
    expect(placed.certain).toBe(true);
  });

  it('cannot place a task whose neighbours are not loaded, and says so', () => {
    const loaded = list(task('5'), undefined, undefined, task('1'));
    const placed = applyTaskChange(loaded, task('3'), DEFAULT_FILTERS, 'new');
    expect(placed.loaded).toBe(loaded);
    expect(placed.certain).toBe(false);
  });

  it('removes a task that no longer matches, and a deleted one', () => {
    const loaded = list(task('5'), task('3'));
    const completed = task('5', { completed: true, version: 2 });
    expect(ids(applyTaskChange(loaded, completed, DEFAULT_FILTERS).loaded)).toEqual(['3']);
    const deleted = task('3', { deleted_at: '2025-01-02T00:00:00.000Z', version: 2 });
    expect(ids(applyTaskChange(loaded, deleted, DEFAULT_FILTERS).loaded)).toEqual(['5']);
  });

  it('is unsure about a task leaving that was never loaded: it may have been in a stretch not fetched yet', () => {
    const completed = task('2', { completed: true, version: 2 });
    expect(applyTaskChange(list(task('5'), undefined), completed, DEFAULT_FILTERS).certain).toBe(false);
    expect(applyTaskChange(list(task('5')), completed, DEFAULT_FILTERS).certain).toBe(true);
  });

  it('moves a task whose due date changed, undated tasks last', () => {
    const loaded = list(task('1', { due_date: '2025-02-01' }), task('2', { due_date: '2025-03-01' }), task('3'));
    const moved = task('1', { due_date: '2025-04-01', version: 2 });
    expect(ids(applyTaskChange(loaded, moved, byDue).loaded)).toEqual(['2', '1', '3']);
  });

  it('ignores an older version than the one shown', () => {
    const loaded = list(task('1', { title: 'New', version: 3 }));
    expect(applyTaskChange(loaded, task('1', { title: 'Old', version: 2 }), DEFAULT_FILTERS).loaded).toBe(loaded);
  });

  it('matches search the way the server folds case', () => {
    const filters = { ...DEFAULT_FILTERS, query: 'ÉTÉ' };
    const placed = applyTaskChange(list(), task('1', { description: 'un été chaud' }), filters, 'new');
    expect(ids(placed.loaded)).toEqual(['1']);
  });
});

describe('placeWindow', () => {
  it('puts the answer at its offset in a list of the answered total', () => {
    const gate = createVersionGate();
    const placed = placeWindow(list(), 2, [task('3'), task('2')], 5, gate, DEFAULT_FILTERS);
    expect(placed && ids(placed)).toEqual(['?', '?', '3', '2', '?']);
  });

  it('shows a newer version seen live instead of the older one the answer holds', () => {
    const gate = createVersionGate();
    gate.admit(task('3', { title: 'Renamed', version: 2 }));
    const placed = placeWindow(list(), 0, [task('3')], 1, gate, DEFAULT_FILTERS);
    expect(placed?.rows[0]?.title).toBe('Renamed');
  });

  it('refuses an answer holding a task that has since left the list', () => {
    const gate = createVersionGate();
    gate.admit(task('3', { completed: true, version: 2 }));
    expect(placeWindow(list(), 0, [task('3')], 1, gate, DEFAULT_FILTERS)).toBeUndefined();
  });

  it('never shows a task twice when it was placed elsewhere before', () => {
    const gate = createVersionGate();
    const placed = placeWindow(
      list(task('3'), undefined, undefined),
      1,
      [task('3'), task('2')],
      3,
      gate,
      DEFAULT_FILTERS,
    );
    expect(placed && ids(placed)).toEqual(['?', '3', '2']);
  });
});

describe('createVersionGate', () => {
  it('keeps out a late answer for a task that a newer event removed', () => {
    const gate = createVersionGate();
    let loaded = list(task('1'), task('2'));
    const place = (change: Task) => {
      if (gate.admit(change)) loaded = applyTaskChange(loaded, change, DEFAULT_FILTERS).loaded;
    };
    // The person edits task 1 (answer: version 2) while an agent deletes it (event: version 3); the event lands first.
    place(task('1', { deleted_at: '2025-01-02T00:00:00.000Z', version: 3 }));
    place(task('1', { title: 'Edited', version: 2 }));
    expect(ids(loaded)).toEqual(['2']);
  });

  it('admits the same version again and anything newer, including a restore after a delete', () => {
    const gate = createVersionGate();
    expect(gate.admit(task('1', { version: 2 }))).toBe(true);
    expect(gate.admit(task('1', { version: 2 }))).toBe(true);
    expect(gate.admit(task('1', { version: 1 }))).toBe(false);
    expect(gate.admit(task('1', { deleted_at: '2025-01-02T00:00:00.000Z', version: 3 }))).toBe(true);
    expect(gate.admit(task('1', { version: 4 }))).toBe(true);
    expect(gate.admit(task('2', { version: 1 }))).toBe(true);
  });
});
