import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { envelopeSchema, healthSchema, singleTaskData, taskPageData, type Health } from '../../shared/envelope';
import { LIMITS } from '../../shared/limits';
import { ok, type Result } from '../../shared/result';
import type { Task } from '../../shared/task';
import {
  addTaskInput,
  completeTaskInput,
  listTasksInput,
  taskIdInput,
  updateTaskInput,
} from '../../shared/task-schemas';
import type { TaskService } from '../tasks/task-service';
import type { Caller } from '../tokens/token-service';

export interface ToolDeps {
  tasks: TaskService;
  health: () => Promise<Health>;
}

export interface ToolRun {
  result: Result<unknown>;
  /** The task the call touched, for the log. */
  taskId: string | null;
}

export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  annotations: ToolAnnotations;
  input: z.ZodType;
  output: z.ZodType;
  run: (deps: ToolDeps, caller: Caller, args: unknown) => Promise<ToolRun>;
}

const WRITE = { readOnlyHint: false, openWorldHint: false } as const;
const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

/** Runs a single-task service call and shapes it as `{ task }`. */
function singleTask(
  call: (tasks: TaskService, caller: Caller, args: unknown) => Promise<Result<Task>>,
): ToolDefinition['run'] {
  return async ({ tasks }, caller, args) => {
    const result = await call(tasks, caller, args);
    if (result.ok) return { result: ok({ task: result.value }), taskId: result.value.id };
    return { result, taskId: taskIdOf(args) };
  };
}

function taskIdOf(args: unknown): string | null {
  const id = (args as { task_id?: unknown } | undefined)?.task_id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

const TASK_SHAPE = `Returns {"status":"success","data":{"task":{...}}} with the task's id, title, description, completed, completed_at, priority, due_date, tags, created_at, updated_at and version.`;

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'add_task',
    title: 'Add a task',
    description: `Create a task for the user. Only title is required (1-${LIMITS.titleMax} characters). Optional: description (up to ${LIMITS.descriptionMax} characters), priority (none, low, medium, high), due_date (YYYY-MM-DD), tags (up to ${LIMITS.tagsMax}, each 1-${LIMITS.tagMax} characters), and idempotency_key: when you might retry (after a timeout, say), pass the same key and a repeat within 24 hours returns the first task instead of a duplicate. ${TASK_SHAPE} Keep the returned id to update, complete or delete the task later.`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: false },
    input: addTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.add(caller.userId, args, caller.clientLabel)),
  },
  {
    name: 'list_tasks',
    title: 'List tasks',
    description: `List the user's tasks, open ones by default, newest first. Call this first to find task ids. Filters: status (open, completed, all), query (text in title or description, case-insensitive), tag, priority, due_before and due_after (YYYY-MM-DD, inclusive). sort: created_at (newest first) or due_date (soonest first, undated last). Pages hold limit tasks (1-${LIMITS.pageSizeMax}, default ${LIMITS.pageSizeDefault}); when data.next_cursor is not null, call again with the same filters and cursor set to it for the next page. Returns {"status":"success","data":{"tasks":[...],"next_cursor":...}}.`,
    annotations: READ,
    input: listTasksInput,
    output: envelopeSchema(taskPageData),
    run: async ({ tasks }, caller, args) => ({ result: await tasks.list(caller.userId, args), taskId: null }),
  },
  {
    name: 'get_task',
    title: 'Get a task',
    description: `Read one task by its id (a UUID from add_task or list_tasks). ${TASK_SHAPE} Answers not_found for ids that do not exist or were deleted.`,
    annotations: READ,
    input: taskIdInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.get(caller.userId, args)),
  },
  {
    name: 'update_task',
    title: 'Update a task',
    description: `Change a task's title, description, priority, due_date or tags; fields you leave out stay as they are. description: null and due_date: null remove them; tags replaces the whole list ([] removes all). To avoid overwriting someone else's change, pass expected_version (the version you last read): if the task has changed since, nothing is written and the error (code conflict) says the current version; call get_task and retry. To mark a task done use complete_task. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: true, idempotentHint: false },
    input: updateTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.update(caller.userId, args, caller.clientLabel)),
  },
  {
    name: 'complete_task',
    title: 'Complete or reopen a task',
    description: `Mark a task done (completed: true, the default) or reopen it (completed: false). Completing a task that is already complete changes nothing. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: true },
    input: completeTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.complete(caller.userId, args, caller.clientLabel)),
  },
  {
    name: 'delete_task',
    title: 'Delete a task',
    description: `Delete a task by id. The task disappears from every list and read, but it is kept: the person can restore it from TaskDesk's "Recently deleted" view. Returns the deleted task (deleted_at set). A second delete of the same id answers not_found.`,
    annotations: { ...WRITE, destructiveHint: true, idempotentHint: true },
    input: taskIdInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.delete(caller.userId, args, caller.clientLabel)),
  },
  {
    name: 'health_check',
    title: 'Check TaskDesk health',
    description:
      'Report the server version, which database it uses (sqlite or postgres) and whether that database answers, and how long the server has been up. Takes no arguments. Use it when other tools fail unexpectedly.',
    annotations: READ,
    input: z.strictObject({}),
    output: envelopeSchema(healthSchema),
    run: async ({ health }) => ({ result: ok(await health()), taskId: null }),
  },
];

export const SERVER_INSTRUCTIONS = `TaskDesk keeps a person's task list. Each task has an id (a UUID), a title, an optional description, priority (none, low, medium, high), optional due_date (YYYY-MM-DD), up to ${LIMITS.tagsMax} tags, completed, and a version that grows with every change.
Start with list_tasks to see what exists and to find ids; it pages with next_cursor. add_task creates, update_task edits (pass expected_version to avoid overwriting others' changes), complete_task marks done or reopens, delete_task removes (the person can restore it).
Every tool answers {"status":"success","data":...} or {"status":"error","error":{"code":...,"message":...}}. Codes: validation_error (fix the arguments as the message says), not_found (check the id with list_tasks), conflict (re-read the task, then retry), unavailable (the database cannot serve right now, e.g. its disk is full; nothing changed, retry later), internal (a server fault; try again later).`;
