import type { Task } from '../../shared/task';
import type { ListedTask } from '../db/task-repository';

/** The stored row as every edge shows it; internal columns stay inside. */
export function toTask(row: ListedTask): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    completed_at: row.completedAt,
    priority: row.priority,
    due_date: row.dueDate,
    tags: row.tags,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    deleted_at: row.deletedAt,
  };
}
