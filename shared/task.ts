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
  /** The project's name, or null for a task in no project. */
  project: string | null;
  parent_id: string | null;
  /** True while any of blocked_by is open (neither completed nor deleted). */
  blocked: boolean;
  blocked_by: string[];
  /** Who holds the task and until when; null when unclaimed or the lease has run out. */
  claim: TaskClaim | null;
  subtasks: { open: number; total: number };
}

export interface TaskClaim {
  by: string;
  expires_at: string;
}

/** A task named beside another (a blocker, a subtask). */
export interface TaskRef {
  id: string;
  title: string;
  completed: boolean;
}

export interface TaskNote {
  id: string;
  text: string;
  by: string;
  by_kind: 'agent' | 'person';
  created_at: string;
}

/** One change in a task's history: each changed field as [old, new]. */
export interface TaskEvent {
  seq: number;
  kind: string;
  version: number;
  by: string;
  by_kind: 'agent' | 'person' | 'system';
  changes: Record<string, [unknown, unknown]>;
  at: string;
}

/** get_task's answer: the task with what surrounds it, each list bounded. */
export interface TaskDetail {
  task: Task;
  open_blockers: TaskRef[];
  subtasks: TaskRef[];
  notes: TaskNote[];
  history: TaskEvent[];
  /** Pass as history_cursor to read older events; null when there are none. */
  history_cursor: string | null;
  /** Pass as notes_cursor to read older notes; null when there are none. */
  notes_cursor: string | null;
  /** Every task this answer names by id (its blockers, done ones too, and the parents and blockers its history names), with its title. */
  mentioned_tasks: TaskRef[];
}

export interface ProjectSummary {
  id: string;
  name: string;
  open: number;
  ready: number;
  claimed: number;
  completed: number;
}

export interface TaskPage {
  tasks: Task[];
  next_cursor: string | null;
}
