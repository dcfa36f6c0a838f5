import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import { applyTaskChange, createVersionGate, type LoadedTasks } from './apply-task-change';
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
const ids = (tasks: Task[]) => tasks.map((row) => row.id);
const byDue: TaskFilters = { ...DEFAULT_FILTERS, sort: 'due_date' };

describe('applyTaskChange', () => {
  it('inserts a new task at its sorted place', () => {
    const loaded = { tasks: [task('5'), task('3')], nextCursor: null };
    expect(ids(applyTaskChange(loaded, task('4'), DEFAULT_FILTERS).tasks)).toEqual(['5', '4', '3']);
  });

  it('leaves a task that sorts after the loaded rows to a later page', () => {
    const loaded = { tasks: [task('5'), task('3')], nextCursor: 'more' };
    expect(ids(applyTaskChange(loaded, task('1'), DEFAULT_FILTERS).tasks)).toEqual(['5', '3']);
  });

  it('removes a task that no longer matches, and a deleted one', () => {
    const loaded = { tasks: [task('5'), task('3')], nextCursor: null };
    const completed = task('5', { completed: true, version: 2 });
    expect(ids(applyTaskChange(loaded, completed, DEFAULT_FILTERS).tasks)).toEqual(['3']);
    const deleted = task('3', { deleted_at: '2025-01-02T00:00:00.000Z', version: 2 });
    expect(ids(applyTaskChange(loaded, deleted, DEFAULT_FILTERS).tasks)).toEqual(['5']);
  });

  it('moves a task whose due date changed, undated tasks last', () => {
    const loaded = {
      tasks: [task('1', { due_date: '2025-02-01' }), task('2', { due_date: '2025-03-01' }), task('3')],
      nextCursor: null,
    };
    const moved = task('1', { due_date: '2025-04-01', version: 2 });
    expect(ids(applyTaskChange(loaded, moved, byDue).tasks)).toEqual(['2', '1', '3']);
  });

  it('ignores an older version than the one shown', () => {
    const loaded = { tasks: [task('1', { title: 'New', version: 3 })], nextCursor: null };
    expect(applyTaskChange(loaded, task('1', { title: 'Old', version: 2 }), DEFAULT_FILTERS)).toBe(loaded);
  });

  it('matches search the way the server folds case', () => {
    const filters = { ...DEFAULT_FILTERS, query: 'ÉTÉ' };
    const loaded = { tasks: [], nextCursor: null };
    expect(ids(applyTaskChange(loaded, task('1', { description: 'un été chaud' }), filters).tasks)).toEqual(['1']);
  });
});

describe('createVersionGate', () => {
  it('keeps out a late answer for a task that a newer event removed', () => {
    const gate = createVersionGate();
    let loaded: LoadedTasks = { tasks: [task('1'), task('2')], nextCursor: null };
    const place = (change: Task) => {
      if (gate.admit(change)) loaded = applyTaskChange(loaded, change, DEFAULT_FILTERS);
    };
    // The person edits task 1 (answer: version 2) while an agent deletes it (event: version 3); the event lands first.
    place(task('1', { deleted_at: '2025-01-02T00:00:00.000Z', version: 3 }));
    place(task('1', { title: 'Edited', version: 2 }));
    expect(ids(loaded.tasks)).toEqual(['2']);
  });

  it('keeps out a late answer for a task that a newer event moved out of the filter', () => {
    const gate = createVersionGate();
    let loaded: LoadedTasks = { tasks: [task('1')], nextCursor: null };
    const place = (change: Task) => {
      if (gate.admit(change)) loaded = applyTaskChange(loaded, change, DEFAULT_FILTERS);
    };
    place(task('1', { completed: true, version: 4 }));
    place(task('1', { priority: 'high', version: 3 }));
    expect(loaded.tasks).toEqual([]);
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
