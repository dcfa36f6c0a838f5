import type { TaskSort } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { dueGroup } from './task-dates';

export type ListItem =
  | { kind: 'task'; key: string; task: Task; position: number }
  | { kind: 'placeholder'; key: string; position: number }
  | { kind: 'heading'; key: string; label: string };

/** The list's rows by index, without building one object per task: a burst re-lays out 10,000 rows every frame. */
export interface ListLayout {
  count: number;
  itemAt: (index: number) => ListItem | undefined;
  keyAt: (index: number) => string | undefined;
  sizeOf: (index: number) => number;
  indexOf: (key: string) => number;
  /** The task position an index shows (a heading: the position of the task after it). */
  positionAt: (index: number) => number;
}

export interface RowSizes {
  row: number;
  heading: number;
}

/** A slot whose window is not loaded yet has a key of its own position. */
const slotKey = (position: number) => `slot:${position}`;

function itemOf(rows: readonly (Task | undefined)[], position: number): ListItem | undefined {
  if (position < 0 || position >= rows.length) return undefined;
  const task = rows[position];
  return task
    ? { kind: 'task', key: task.id, task, position }
    : { kind: 'placeholder', key: slotKey(position), position };
}

/**
 * The rows: the tasks (placeholders where not loaded yet), and when sorted by
 * due date a heading before each group ("Overdue", "Today", ..., "No due
 * date") among the loaded rows. `position` is the place among the tasks alone.
 * In a nested list only top-level rows open a group: a subtask stays under
 * its parent, whatever its own due date.
 */
export function listLayout(
  rows: readonly (Task | undefined)[],
  sort: TaskSort,
  today: string,
  sizes: RowSizes,
  isSubtask: (id: string) => boolean = () => false,
): ListLayout {
  if (sort !== 'due_date') {
    return {
      count: rows.length,
      itemAt: (index) => itemOf(rows, index),
      keyAt: (index) => (index < rows.length ? (rows[index]?.id ?? slotKey(index)) : undefined),
      sizeOf: () => sizes.row,
      indexOf: (key) => (key.startsWith('slot:') ? Number(key.slice(5)) : rows.findIndex((task) => task?.id === key)),
      positionAt: (index) => index,
    };
  }
  const items: ListItem[] = [];
  let group: string | undefined;
  rows.forEach((task, position) => {
    if (task && !isSubtask(task.id)) {
      const label = dueGroup(task, today);
      if (label !== group) items.push({ kind: 'heading', key: `heading:${label}`, label });
      group = label;
    }
    items.push(
      task ? { kind: 'task', key: task.id, task, position } : { kind: 'placeholder', key: slotKey(position), position },
    );
  });
  return {
    count: items.length,
    itemAt: (index) => items[index],
    keyAt: (index) => items[index]?.key,
    sizeOf: (index) => (items[index]?.kind === 'heading' ? sizes.heading : sizes.row),
    indexOf: (key) => items.findIndex((item) => item.key === key),
    positionAt: (index) => {
      for (let at = index; at < items.length; at++) {
        const item = items[at];
        if (item && item.kind !== 'heading') return item.position;
      }
      return rows.length - 1;
    },
  };
}
