import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, type Result } from './result';
import { PRIORITIES } from './limits';

/**
 * The one response envelope every tool answers with, as structured content
 * and mirrored as JSON text (some clients read only one of the two).
 */
export type Envelope<T> =
  { status: 'success'; data: T } | { status: 'error'; error: { code: ErrorCode; message: string } };

export function toEnvelope<T>(result: Result<T>): Envelope<T> {
  return result.ok ? { status: 'success', data: result.value } : { status: 'error', error: result.error };
}

const timestamp = z.string().meta({ description: 'ISO 8601 UTC time.' });
const nullableTimestamp = z.string().nullable().meta({ description: 'ISO 8601 UTC time, or null.' });

export const taskSchema = z.object({
  id: z.string().meta({ format: 'uuid' }),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  completed_at: nullableTimestamp,
  priority: z.enum(PRIORITIES),
  due_date: z.string().nullable().meta({ description: 'YYYY-MM-DD, or null.' }),
  tags: z.array(z.string()),
  created_at: timestamp,
  updated_at: timestamp,
  version: z.int().meta({ description: 'Starts at 1 and grows by one on every change.' }),
  deleted_at: nullableTimestamp,
  project: z.string().nullable(),
  parent_id: z.string().nullable(),
  blocked: z.boolean().meta({ description: 'True while any task in blocked_by is open.' }),
  blocked_by: z.array(z.string()),
  claim: z
    .object({ by: z.string(), expires_at: timestamp })
    .nullable()
    .meta({ description: 'Who holds the task and until when; null if free.' }),
  subtasks: z.object({ open: z.int(), total: z.int() }),
});

const taskRefSchema = z.object({ id: z.string(), title: z.string(), completed: z.boolean() });
export const noteSchema = z.object({
  id: z.string(),
  text: z.string(),
  by: z.string(),
  by_kind: z.enum(['agent', 'person']),
  created_at: timestamp,
});
const eventSchema = z.object({
  seq: z.number(),
  kind: z.string(),
  version: z.int(),
  by: z.string(),
  by_kind: z.enum(['agent', 'person', 'system']),
  changes: z.record(z.string(), z.array(z.any())).meta({ description: 'Each changed field as [old, new].' }),
  at: timestamp,
});

export const healthSchema = z.object({
  version: z.string(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    reachable: z.boolean(),
    problem: z
      .string()
      .optional()
      .meta({ description: 'Present only when something is wrong, in words: e.g. the disk is full, so writes fail.' }),
  }),
  uptime_seconds: z.number(),
});
export type Health = z.infer<typeof healthSchema>;

const errorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/**
 * An envelope schema whose `data` is `data` on success. MCP requires an
 * object at the top, so success and failure share one object shape whose
 * `status` says which of `data` and `error` is present.
 */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({
    status: z.enum(['success', 'error']),
    data: data.optional(),
    error: errorSchema.optional(),
  });
}

export const singleTaskData = z.object({ task: taskSchema });
export const taskPageData = z.object({
  tasks: z.array(taskSchema),
  next_cursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last.' }),
});

export const taskDetailData = z.object({
  task: taskSchema,
  open_blockers: z.array(taskRefSchema),
  subtasks: z.array(taskRefSchema),
  notes: z.array(noteSchema),
  history: z.array(eventSchema),
  history_cursor: z.string().nullable(),
  notes_cursor: z.string().nullable(),
  mentioned_tasks: z.array(taskRefSchema),
});
export const noteData = z.object({ note: noteSchema });
export const projectListData = z.object({
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      open: z.int(),
      ready: z.int(),
      claimed: z.int(),
      completed: z.int(),
    }),
  ),
});
