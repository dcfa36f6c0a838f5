/**
 * Every bound on task input, in one place. The zod schemas, the database
 * CHECK constraints and the tool descriptions all read these numbers.
 * Lengths are Unicode code points, not UTF-16 units, so an emoji counts once.
 */
export const LIMITS = {
  titleMax: 200,
  descriptionMax: 1000,
  tagsMax: 10,
  tagMax: 32,
  queryMax: 200,
  idempotencyKeyMax: 128,
  pageSizeMax: 100,
  pageSizeDefault: 50,
  userIdMax: 64,
  displayNameMax: 100,
  cursorMax: 1000,
  tokenLabelMax: 100,
} as const;

/** How long an idempotency key keeps returning the task it first created. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export const PRIORITIES = ['none', 'low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TASK_STATUSES = ['open', 'completed', 'all'] as const;
export type TaskStatusFilter = (typeof TASK_STATUSES)[number];

export const TASK_SORTS = ['created_at', 'due_date'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** The user every single-person install acts as until tokens name others. */
export const LOCAL_USER_ID = 'local';

export const TOOL_CALL_OUTCOMES = ['success', 'error'] as const;
export type ToolCallOutcome = (typeof TOOL_CALL_OUTCOMES)[number];
