import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import {
  envelopeSchema,
  healthSchema,
  noteData,
  projectListData,
  singleTaskData,
  taskDetailData,
  taskPageData,
  type Health,
} from '../../shared/envelope';
import { COORDINATION_LIMITS } from '../../shared/coordination';
import { addNoteInput, claimTaskInput, getTaskInput, releaseTaskInput } from '../../shared/coordination-schemas';
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
import type { Actor } from '../tasks/actor';
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

/** An MCP caller as the history and claims record it. */
const actorOf = (caller: Caller): Actor => ({
  kind: 'agent',
  label: caller.clientLabel,
  tokenId: caller.tokenId,
  ...(caller.scope ? { scope: caller.scope } : {}),
});

function taskIdOf(args: unknown): string | null {
  const id = (args as { task_id?: unknown } | undefined)?.task_id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

const TASK_SHAPE = `Returns {"status":"success","data":{"task":{...}}}, the task as list_tasks shows it.`;
const {
  leaseMinSeconds: LEASE_MIN,
  leaseMaxSeconds: LEASE_MAX,
  leaseDefaultSeconds: LEASE_DEFAULT,
} = COORDINATION_LIMITS;

export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'add_task',
    title: 'Add a task',
    description: `Create a task. Only title is required (1-${LIMITS.titleMax} characters). Optional: description, priority (none, low, medium, high), due_date (YYYY-MM-DD), tags, project (a name; created on first use), parent_id (makes it a subtask, in the parent's project), blocked_by (task ids it waits for), and idempotency_key: pass the same key when retrying and a repeat within 24 hours returns the first task instead of a duplicate. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: false },
    input: addTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.add(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'list_tasks',
    title: 'List tasks',
    description: `List tasks, open ones by default, newest first. Call this first to find task ids. ready: true lists what can be started now (open, unblocked, unclaimed) in the order claim_task takes them. Filters: status (open, completed, all), query (text in title or description), tag, priority, due_before, due_after, project, parent_id, claimed_by: "me". sort: created_at or due_date. When data.next_cursor is not null, call again with the same filters and that cursor. Returns {"status":"success","data":{"tasks":[...],"next_cursor":...}}; each task has id, title, description, completed, priority, due_date, tags, version, project, parent_id, blocked, blocked_by, claim ({by, expires_at} or null), subtasks ({open, total}) and timestamps.`,
    annotations: READ,
    input: listTasksInput,
    output: envelopeSchema(taskPageData),
    run: async ({ tasks }, caller, args) => ({
      result: await tasks.list(caller.userId, args, actorOf(caller)),
      taskId: null,
    }),
  },
  {
    name: 'get_task',
    title: 'Get a task',
    description: `Read one task by id with what surrounds it: data.task, open_blockers, subtasks, the latest notes, and history (newest first: who changed what, each field as [old, new]); pass history_cursor or notes_cursor for older ones. Read a task's notes before working on it. Answers not_found for ids that do not exist or were deleted.`,
    annotations: READ,
    input: getTaskInput,
    output: envelopeSchema(taskDetailData),
    run: async ({ tasks }, caller, args) => {
      const result = await tasks.detail(caller.userId, args, actorOf(caller));
      return { result, taskId: result.ok ? result.value.task.id : taskIdOf(args) };
    },
  },
  {
    name: 'update_task',
    title: 'Update a task',
    description: `Change a task's title, description, priority, due_date, tags, project, parent_id or blocked_by; fields you leave out stay as they are. null removes description, due_date, project and parent_id; tags and blocked_by replace the whole list ([] or null clears). Pass expected_version (the version you last read) to avoid overwriting someone else's change: if it changed since, nothing is written and the conflict error says the current version. A task another agent has claimed answers conflict. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: true, idempotentHint: false },
    input: updateTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.update(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'complete_task',
    title: 'Complete or reopen a task',
    description: `Mark a task done (completed: true, the default) or reopen it (completed: false); completing ends your claim. Refused (conflict, naming them) while it has open subtasks or open blockers. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: true },
    input: completeTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.complete(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'delete_task',
    title: 'Delete a task',
    description: `Delete a task by id. The task disappears from every list and read, but it is kept: the person can restore it from TaskDesk's "Recently deleted" view. Returns the deleted task (deleted_at set). A second delete of the same id answers not_found.`,
    annotations: { ...WRITE, destructiveHint: true, idempotentHint: true },
    input: taskIdInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.delete(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'claim_task',
    title: 'Claim a task',
    description: `Take a task so no other agent works on it. Without task_id: claims the next ready task (optionally in one project), highest priority first; not_found means nothing is ready. With task_id: claims that task, or renews your claim. The claim lasts lease_seconds (${LEASE_MIN}-${LEASE_MAX}, default ${LEASE_DEFAULT}): while working, call again with task_id before it runs out, or another agent may take the task. Then add_note as you go, complete_task when done, or release_task with a note when you stop. Answers conflict if another agent holds it. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: false },
    input: claimTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.claim(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'release_task',
    title: 'Release a claimed task',
    description: `End your claim on a task you will not finish, so others can take it. Leave a note saying what is done and what is left. ${TASK_SHAPE}`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: false },
    input: releaseTaskInput,
    output: envelopeSchema(singleTaskData),
    run: singleTask((tasks, caller, args) => tasks.release(caller.userId, args, actorOf(caller))),
  },
  {
    name: 'add_note',
    title: 'Add a note to a task',
    description: `Add a short note to a task (1-${COORDINATION_LIMITS.noteMax} characters): progress, findings, handoffs. It is stamped with your name and the time and shown by get_task. Returns {"status":"success","data":{"note":{...}}}.`,
    annotations: { ...WRITE, destructiveHint: false, idempotentHint: false },
    input: addNoteInput,
    output: envelopeSchema(noteData),
    run: async ({ tasks }, caller, args) => {
      const result = await tasks.addNote(caller.userId, args, actorOf(caller));
      return { result: result.ok ? ok({ note: result.value }) : result, taskId: taskIdOf(args) };
    },
  },
  {
    name: 'list_projects',
    title: 'List projects',
    description:
      'List the projects with counts of open, ready, claimed and completed tasks. Takes no arguments. Returns {"status":"success","data":{"projects":[{"id","name","open","ready","claimed","completed"}]}}.',
    annotations: READ,
    input: z.strictObject({}),
    output: envelopeSchema(projectListData),
    run: async ({ tasks }, caller) => ({
      result: ok({ projects: await tasks.listProjects(caller.userId, actorOf(caller)) }),
      taskId: null,
    }),
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

export const SERVER_INSTRUCTIONS = `TaskDesk keeps a person's task list, shared by the person and several agents. Each task has an id (a UUID), a title, an optional description, priority (none, low, medium, high), optional due_date (YYYY-MM-DD), up to ${LIMITS.tagsMax} tags, completed, a version that grows with every edit, and optionally a project, a parent task and blockers.
Start with list_tasks to see what exists and to find ids; it pages with next_cursor. add_task creates, update_task edits (pass expected_version to avoid overwriting others' changes), complete_task marks done or reopens, delete_task removes (the person can restore it).
Working alongside other agents: claim_task (no task_id) takes the next ready task so no one else works on it; get_task shows its notes and history; renew the claim with claim_task(task_id) while you work; add_note as you go; complete_task when done; release_task with a note if you stop before.
Your token may be limited to some projects (list_projects shows them; tasks elsewhere answer not_found) or to reading only.
Every tool answers {"status":"success","data":...} or {"status":"error","error":{"code":...,"message":...}}. Codes: validation_error (fix the arguments as the message says), not_found (check the id with list_tasks), conflict (re-read the task, then retry), forbidden (this token may not do that, e.g. it is read-only; do not retry), unavailable (the database cannot serve right now, e.g. its disk is full; nothing changed, retry later), internal (a server fault; try again later).`;
