import type { TaskSort } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { dueGroup } from './task-dates';

export type ListItem =
  { kind: 'task'; key: string; task: Task; position: number } | { kind: 'heading'; key: string; label: string };

/** The list's rows by index, without building one object per task: a burst re-lays out 10,000 rows every frame. */
export interface ListLayout {
  count: number;
  itemAt: (index: number) => ListItem | undefined;
  keyAt: (index: number) => string | undefined;
  sizeOf: (index: number) => number;
  indexOf: (key: string) => number;
}

export interface RowSizes {
  row: number;
  heading: number;
}

/**
 * The rows: the tasks, and when sorted by due date a heading before each
 * group ("Overdue", "Today", "Tomorrow", "This week", "Later", "No due date").
 * `position` is the task's place among the tasks alone.
 */
export function listLayout(tasks: readonly Task[], sort: TaskSort, today: string, sizes: RowSizes): ListLayout {
  if (sort !== 'due_date') {
    return {
      count: tasks.length,
      itemAt: (index) => {
        const task = tasks[index];
        return task && { kind: 'task', key: task.id, task, position: index };
      },
      keyAt: (index) => tasks[index]?.id,
      sizeOf: () => sizes.row,
      indexOf: (key) => tasks.findIndex((task) => task.id === key),
    };
  }
  const items: ListItem[] = [];
  let group: string | undefined;
  tasks.forEach((task, position) => {
    const label = dueGroup(task, today);
    if (label !== group) items.push({ kind: 'heading', key: `heading:${label}`, label });
    group = label;
    items.push({ kind: 'task', key: task.id, task, position });
  });
  return {
    count: items.length,
    itemAt: (index) => items[index],
    keyAt: (index) => items[index]?.key,
    sizeOf: (index) => (items[index]?.kind === 'heading' ? sizes.heading : sizes.row),
    indexOf: (key) => items.findIndex((item) => item.key === key),
  };
}
