import { z } from 'zod';
import { LIMITS, PRIORITIES, TASK_SORTS, TASK_STATUSES } from './limits';
import { codePointLength, findTextProblem, foldForSearch } from './text-rules';
import { describeValue } from './describe-value';
import { COORDINATION_LIMITS } from './coordination';

/**
 * The one schema per input, used by the MCP tools, the UI API and the UI form.
 * Messages name the field, the rule and what was sent, so a model can fix its
 * call without guessing ("title must be 1-200 characters; got 245").
 */

// Clients (models especially) often send null for "not given"; every optional
// field accepts it and treats it as absent unless the field documents that
// null clears a value.
export const absentIfNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

interface TextBounds {
  min: number;
  max: number;
  allowTabAndNewline?: boolean;
  /** How the length is counted, when that is not the text as sent. */
  counted?: string;
}

/** Adds the text-rule problem or the length problem of `value`, if any. */
export function checkText(field: string, bounds: TextBounds) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = findTextProblem(field, value, { allowTabAndNewline: bounds.allowTabAndNewline ?? false });
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return;
    }
    const length = codePointLength(value);
    if (length < bounds.min || length > bounds.max) {
      const range = bounds.min === 0 ? `at most ${bounds.max}` : `${bounds.min}-${bounds.max}`;
      const counted = bounds.counted ? ` ${bounds.counted}` : '';
      ctx.addIssue({ code: 'custom', message: `${field} must be ${range} characters${counted}; got ${length}` });
    }
  };
}

export function stringField(field: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${field} is required`
        : `${field} must be a string; got ${describeValue(issue.input)}`,
  });
}

const title = stringField('title')
  .transform((value) => value.trim())
  .superRefine(checkText('title', { min: 1, max: LIMITS.titleMax }))
  .meta({
    description: `What needs doing, 1-${LIMITS.titleMax} characters (surrounding spaces are trimmed).`,
    minLength: 1,
    maxLength: LIMITS.titleMax,
  });

/** Empty or whitespace-only descriptions are stored as no description. */
const description = stringField('description')
  .transform((value) => value.replace(/\r\n?/g, '\n').trim())
  .superRefine(checkText('description', { min: 0, max: LIMITS.descriptionMax, allowTabAndNewline: true }))
  .transform((value) => (value === '' ? null : value))
  .meta({
    description: `Details, at most ${LIMITS.descriptionMax} characters; newlines and tabs allowed.`,
    maxLength: LIMITS.descriptionMax,
  });

const priority = z
  .enum(PRIORITIES, {
    error: (issue) => `priority must be one of ${PRIORITIES.join(', ')}; got ${describeValue(issue.input)}`,
  })
  .meta({ description: "How urgent the task is; 'none' unless set." });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // setUTCFullYear, because Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function calendarDate(field: string, description: string) {
  return stringField(field)
    .refine(isCalendarDate, {
      error: (issue) => `${field} must be a calendar date in YYYY-MM-DD form; got ${describeValue(issue.input)}`,
    })
    .meta({ description, format: 'date' });
}

/**
 * Tags compare without regard to case or Unicode form, so they are stored
 * folded (NFC, lower case; see foldForSearch), and their length is counted in
 * that stored form: NFC can lengthen text (U+0958 becomes two code points),
 * and a tag the server stored must always be accepted back.
 */
const tag = (field: string) =>
  stringField(field)
    .transform((value) => foldForSearch(value.trim()))
    .superRefine(checkText(field, { min: 1, max: LIMITS.tagMax, counted: 'in Unicode NFC form' }))
    .meta({ minLength: 1, maxLength: LIMITS.tagMax });

// The count is checked before any item is parsed: a request carrying half a
// million items must cost one message, not half a million.
const tags = z
  .preprocess(
    (value, ctx) => {
      if (Array.isArray(value) && value.length > LIMITS.tagsMax) {
        ctx.addIssue({
          code: 'custom',
          message: `tags may hold at most ${LIMITS.tagsMax} tags; got ${value.length}`,
          input: value,
        });
        return z.NEVER;
      }
      return value;
    },
    z
      .array(tag('each tag'), {
        error: (issue) => `tags must be an array of strings; got ${describeValue(issue.input)}`,
      })
      .superRefine((values, ctx) => {
        const repeated = values.find((value, index) => values.indexOf(value) !== index);
        if (repeated !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `tags must not repeat (case is ignored); '${repeated}' appears twice`,
          });
        }
      }),
  )
  .meta({
    description: `Up to ${LIMITS.tagsMax} labels, each 1-${LIMITS.tagMax} characters; stored lower-case in Unicode NFC form (lengths count that form), no repeats.`,
    maxItems: LIMITS.tagsMax,
    uniqueItems: true,
  });

const idempotencyKey = stringField('idempotency_key')
  .superRefine(checkText('idempotency_key', { min: 1, max: LIMITS.idempotencyKeyMax }))
  .meta({
    description:
      'Any unique string you choose for this request. Retrying add_task with the same key within 24 hours returns the task the first call created instead of adding a duplicate.',
    minLength: 1,
    maxLength: LIMITS.idempotencyKeyMax,
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task id field; `field` names it in the messages. */
const taskIdField = (field: string) =>
  stringField(field)
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => UUID.test(value), {
      error: (issue) =>
        `${field} must be a task id (a UUID such as 019abcde-0123-7def-8abc-0123456789ab, as returned by add_task or list_tasks); got ${describeValue(issue.input)}`,
    });

export const taskId = taskIdField('task_id').meta({
  description: 'The task id (a UUID) from add_task or list_tasks.',
  format: 'uuid',
});

const expectedVersion = z
  .number({ error: (issue) => `expected_version must be an integer of at least 1; got ${describeValue(issue.input)}` })
  .int({ error: (issue) => `expected_version must be an integer of at least 1; got ${describeValue(issue.input)}` })
  .min(1, { error: (issue) => `expected_version must be an integer of at least 1; got ${describeValue(issue.input)}` })
  .meta({
    description:
      "The task's version as you last read it. If the task has changed since, nothing is written and a conflict error says the current version.",
  });

const pageSize = z
  .number({ error: (issue) => pageSizeMessage(issue.input) })
  .int({ error: (issue) => pageSizeMessage(issue.input) })
  .min(1, { error: (issue) => pageSizeMessage(issue.input) })
  .max(LIMITS.pageSizeMax, { error: (issue) => pageSizeMessage(issue.input) })
  .meta({ description: `Tasks per page, 1-${LIMITS.pageSizeMax}; default ${LIMITS.pageSizeDefault}.` });

function pageSizeMessage(input: unknown): string {
  return `limit must be an integer from 1 to ${LIMITS.pageSizeMax}; got ${describeValue(input)}`;
}

const MAX_KEYS_NAMED = 5;

/** Names a few of the unknown keys, each shortened and quoted, so a request with thousands costs one short line. */
function describeUnknownKeys(keys: readonly string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map((key) => describeValue(key).replace(/^"|"$/g, "'"));
  const rest = keys.length > MAX_KEYS_NAMED ? ` and ${keys.length - MAX_KEYS_NAMED} more` : '';
  return `unknown field${keys.length > 1 ? 's' : ''} ${named.join(', ')}${rest}`;
}

export const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${describeUnknownKeys(issue.keys)}; allowed fields are ${Object.keys(shape).join(', ')}`
        : `arguments must be an object; got ${describeValue(issue.input)}`,
  });

/** A project name as given: trimmed, 1-64 characters; case is kept for display and ignored for matching. */
export const projectName = (field: string) =>
  stringField(field)
    .transform((value) => value.trim().normalize('NFC'))
    .superRefine(checkText(field, { min: 1, max: COORDINATION_LIMITS.projectNameMax }))
    .meta({
      description: `Project name, 1-${COORDINATION_LIMITS.projectNameMax} characters, case ignored; created on first use.`,
      minLength: 1,
      maxLength: COORDINATION_LIMITS.projectNameMax,
    });

const parentId = taskIdField('parent_id').meta({
  description: `Make this a subtask of that task (same project; at most ${COORDINATION_LIMITS.nestingMax} levels).`,
  format: 'uuid',
});

// The count is checked before any id is parsed, as for tags.
const blockedBy = z
  .preprocess(
    (value, ctx) => {
      if (Array.isArray(value) && value.length > COORDINATION_LIMITS.blockersMax) {
        ctx.addIssue({
          code: 'custom',
          message: `blocked_by may hold at most ${COORDINATION_LIMITS.blockersMax} task ids; got ${value.length}`,
          input: value,
        });
        return z.NEVER;
      }
      return value;
    },
    z
      .array(taskIdField('each blocked_by id').meta({ format: 'uuid' }), {
        error: (issue) => `blocked_by must be an array of task ids; got ${describeValue(issue.input)}`,
      })
      .transform((ids) => [...new Set(ids)]),
  )
  .meta({
    description: `Up to ${COORDINATION_LIMITS.blockersMax} task ids this task waits for; it is not ready while any is open.`,
    maxItems: COORDINATION_LIMITS.blockersMax,
  });

export const addTaskInput = strict({
  title,
  description: absentIfNull(description),
  priority: absentIfNull(priority),
  due_date: absentIfNull(calendarDate('due_date', 'When the task is due, as YYYY-MM-DD.')),
  tags: absentIfNull(tags),
  idempotency_key: absentIfNull(idempotencyKey),
  project: absentIfNull(projectName('project')),
  parent_id: absentIfNull(parentId),
  blocked_by: absentIfNull(blockedBy),
});

export const updateTaskInput = strict({
  task_id: taskId,
  title: absentIfNull(title),
  // null clears these two; absence leaves them as they are.
  description: description.nullable().optional(),
  due_date: calendarDate('due_date', 'When the task is due, as YYYY-MM-DD; null removes the due date.')
    .nullable()
    .optional(),
  priority: absentIfNull(priority),
  tags: absentIfNull(tags),
  // null clears these; blocked_by replaces the whole list.
  project: projectName('project').nullable().optional(),
  parent_id: parentId.nullable().optional(),
  blocked_by: blockedBy.nullable().optional(),
  expected_version: absentIfNull(expectedVersion),
});

export const taskIdInput = strict({ task_id: taskId });

export const completeTaskInput = strict({
  task_id: taskId,
  completed: absentIfNull(
    z
      .boolean({ error: (issue) => `completed must be true or false; got ${describeValue(issue.input)}` })
      .meta({ description: 'true (the default) marks the task done; false reopens it.' }),
  ),
});

const searchQuery = stringField('query')
  .transform((value) => value.trim())
  .superRefine(checkText('query', { min: 0, max: LIMITS.queryMax }))
  .transform((value) => (value === '' ? undefined : value))
  .meta({
    description: 'Text to find in title or description, ignoring case; % and _ are matched literally.',
    maxLength: LIMITS.queryMax,
  });

export const listTasksInput = strict({
  status: absentIfNull(
    z
      .enum(TASK_STATUSES, {
        error: (issue) => `status must be one of ${TASK_STATUSES.join(', ')}; got ${describeValue(issue.input)}`,
      })
      .meta({ description: "Which tasks: 'open' (default), 'completed' or 'all'." }),
  ),
  query: absentIfNull(searchQuery),
  tag: absentIfNull(tag('tag').meta({ description: 'Only tasks carrying this tag (case is ignored).' })),
  priority: absentIfNull(priority),
  due_before: absentIfNull(calendarDate('due_before', 'Only tasks due on or before this date (YYYY-MM-DD).')),
  due_after: absentIfNull(calendarDate('due_after', 'Only tasks due on or after this date (YYYY-MM-DD).')),
  sort: absentIfNull(
    z
      .enum(TASK_SORTS, {
        error: (issue) => `sort must be one of ${TASK_SORTS.join(', ')}; got ${describeValue(issue.input)}`,
      })
      .meta({
        description: "'created_at' (newest first, the default) or 'due_date' (soonest first, undated last).",
      }),
  ),
  project: absentIfNull(projectName('project').meta({ description: 'Only tasks in this project.' })),
  parent_id: absentIfNull(
    taskIdField('parent_id').meta({ description: 'Only the subtasks of this task.', format: 'uuid' }),
  ),
  ready: absentIfNull(
    z.literal(true, { error: (issue) => `ready must be true or left out; got ${describeValue(issue.input)}` }).meta({
      description:
        'true: only tasks you can start now (open, no open blocker, unclaimed or lease run out), in claim order: priority, then due date, then oldest. Ignores sort.',
    }),
  ),
  claimed_by: absentIfNull(
    z
      .literal('me', { error: (issue) => `claimed_by must be 'me'; got ${describeValue(issue.input)}` })
      .meta({ description: "'me': only tasks you hold a live claim on." }),
  ),
  limit: absentIfNull(pageSize),
  cursor: absentIfNull(
    stringField('cursor')
      .max(LIMITS.cursorMax, { error: 'cursor is not one this server issued; call list_tasks again without cursor' })
      .meta({ description: 'next_cursor from the previous page, with the same filters; omit for the first page.' }),
  ),
}).superRefine((value, ctx) => {
  if (value.due_before && value.due_after && value.due_after > value.due_before) {
    ctx.addIssue({
      code: 'custom',
      message: `due_after (${value.due_after}) is later than due_before (${value.due_before}); no task can match`,
    });
  }
});

export type AddTaskInput = z.input<typeof addTaskInput>;
export type AddTask = z.output<typeof addTaskInput>;
export type UpdateTaskInput = z.input<typeof updateTaskInput>;
export type UpdateTask = z.output<typeof updateTaskInput>;
export type ListTasksInput = z.input<typeof listTasksInput>;
export type ListTasks = z.output<typeof listTasksInput>;
export type CompleteTaskInput = z.input<typeof completeTaskInput>;
export type TaskIdInput = z.input<typeof taskIdInput>;
