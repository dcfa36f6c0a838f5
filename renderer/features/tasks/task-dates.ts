import { useEffect, useState } from 'react';
import type { Task } from '../../../shared/task';

/** The person's own calendar date as YYYY-MM-DD; toISOString would give the UTC date instead. */
export function localDateString(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type DueState = 'overdue' | 'today' | 'later' | 'none';

/** Completed tasks are never overdue: nothing is left to do about them. */
export function dueState(task: Pick<Task, 'due_date' | 'completed'>, today: string): DueState {
  if (task.due_date === null) return 'none';
  if (task.completed) return 'later';
  if (task.due_date < today) return 'overdue';
  return task.due_date === today ? 'today' : 'later';
}

/** Today's local date, which moves on at midnight so labels stay true in a window left open overnight. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDateString(new Date()));
  useEffect(() => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const timer = setTimeout(() => setToday(localDateString(new Date())), midnight.getTime() - now.getTime() + 1000);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
