import type { TaskSort } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { dueGroup } from './task-dates';

export type ListItem =
  { kind: 'task'; key: string; task: Task; position: number } | { kind: 'heading'; key: string; label: string };

/**
 * The list's rows: the tasks, and when sorted by due date a heading before
 * each group ("Overdue", "Today", "Tomorrow", "This week", "Later", "No due
 * date"). `position` is the task's place among the tasks alone.
 */
export function listItems(tasks: readonly Task[], sort: TaskSort, today: string): ListItem[] {
  const items: ListItem[] = [];
  let group: string | undefined;
  tasks.forEach((task, position) => {
    if (sort === 'due_date') {
      const label = dueGroup(task, today);
      if (label !== group) items.push({ kind: 'heading', key: `heading:${label}`, label });
      group = label;
    }
    items.push({ kind: 'task', key: task.id, task, position });
  });
  return items;
}
