import type { Priority } from './limits';

/**
 * A task as every edge shows it (MCP tools, UI API). Field names are the wire
 * names agents read, so they are snake_case here rather than mapped at each edge.
 * Timestamps are ISO 8601 UTC strings; `due_date` is a calendar date (YYYY-MM-DD).
 */
export interface Task {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  completed_at: string | null;
  priority: Priority;
  due_date: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface TaskPage {
  tasks: Task[];
  next_cursor: string | null;
}
