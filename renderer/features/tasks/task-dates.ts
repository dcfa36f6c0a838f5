import type { Task } from '../../../shared/task';
import { daysBetween } from '../../lib/dates';

export type DueState = 'overdue' | 'today' | 'later' | 'none';

/** Completed tasks are never overdue: nothing is left to do about them. */
export function dueState(task: Pick<Task, 'due_date' | 'completed'>, today: string): DueState {
  if (task.due_date === null) return 'none';
  if (task.completed) return 'later';
  if (task.due_date < today) return 'overdue';
  return task.due_date === today ? 'today' : 'later';
}

/** The heading a task sits under when the list is sorted by due date. */
export function dueGroup(task: Pick<Task, 'due_date'>, today: string): string {
  if (task.due_date === null) return 'No due date';
  const days = daysBetween(today, task.due_date);
  if (days < 0) return 'Overdue';
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days < 7) return 'This week';
  return 'Later';
}
