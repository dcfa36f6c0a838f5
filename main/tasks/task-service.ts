import { timeOrderedId } from '../ids/time-ordered-id';
import { IDEMPOTENCY_WINDOW_MS, LIMITS } from '../../shared/limits';
import type { TaskChange, TaskChangeKind, ToolCallTask } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import type { Task, TaskPage } from '../../shared/task';
import {
  addTaskInput,
  completeTaskInput,
  listTasksInput,
  taskIdInput,
  updateTaskInput,
  type UpdateTask,
} from '../../shared/task-schemas';
import { validate } from '../../shared/validate';
import type { TaskRepository, TaskRow, TaskState } from '../db/task-repository';
import { decodeCursor, encodeCursor } from './list-cursor';
import { toTask } from './task-view';

export interface TaskServiceOptions {
  tasks: TaskRepository;
  /** Told of every change that was written, after it was written (the UI's live updates). */
  onChange?: (userId: string, change: TaskChange) => void;
  clock?: () => Date;
  newId?: () => string;
}

/** What a change decides: new field values, or that nothing needs to change. */
type Change = Partial<Omit<TaskState, 'id' | 'userId' | 'createdAt' | 'version' | 'updatedAt'>> | 'unchanged';

// How often a change is re-applied when another writer got there first and
// the caller did not ask for a specific version.
const MAX_CHANGE_ATTEMPTS = 5;

/** Who a change is attributed to when the edge does not say (the CLI, tests). */
const UNATTRIBUTED = 'unknown client';

// How many deleted tasks the "Recently deleted" view offers for restoring.
const RECENTLY_DELETED_MAX = 100;

const notFound = (id: string) =>
  fail<Task>('not_found', `no task with id ${id}; it may have been deleted. Call list_tasks to see current tasks`);

/**
 * The one place task rules live. Every edge (MCP tools, UI API, CLI) calls
 * these methods with untrusted input and the user the caller's credentials
 * name; input never chooses the user.
 */
export function createTaskService({
  tasks,
  onChange,
  clock = () => new Date(),
  newId = timeOrderedId,
}: TaskServiceOptions) {
  // Runs after the write committed: a failing listener must not turn a saved change into an error
  // (an agent told "failed" would retry and create a duplicate).
  function announce(userId: string, task: Task, change: TaskChangeKind, by: string): void {
    try {
      onChange?.(userId, { task, change, by, at: task.updated_at });
    } catch {
      // The listener is responsible for its own logging; nothing here can undo or redo the write.
    }
  }

  /**
   * Reads the task, asks `decide` what to change, and writes the change only
   * if nobody changed the task meanwhile (optimistic concurrency on
   * `version`). Every effective change bumps the version exactly once.
   */
  async function change(
    userId: string,
    taskId: string,
    which: 'live' | 'deleted' | 'any',
    decide: (row: TaskRow) => Change,
    announceAs: { kind: (task: Task) => TaskChangeKind; by: string },
    expectedVersion?: number,
  ): Promise<Result<Task>> {
    for (let attempt = 0; attempt < MAX_CHANGE_ATTEMPTS; attempt++) {
      const current = await tasks.find(userId, taskId, which);
      if (!current) return notFound(taskId);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        return versionConflict(taskId, expectedVersion, current.version);
      }
      const decision = decide(current);
      if (decision === 'unchanged') return ok(toTask(current));
      const now = clock().toISOString();
      const next: TaskState = { ...current, ...decision, version: current.version + 1, updatedAt: now };
      const written = await tasks.replace(next, current.version);
      if (written) {
        const task = toTask(written);
        announce(userId, task, announceAs.kind(task), announceAs.by);
        return ok(task);
      }
    }
    return fail('conflict', `task ${taskId} is being changed by others right now; get_task and try again`);
  }

  return {
    async add(userId: string, input: unknown, by = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(addTaskInput, input);
      if (!parsed.ok) return parsed;
      const { idempotency_key: key, ...fields } = parsed.value;
      const now = clock();
      const state: TaskState = {
        id: newId(),
        userId,
        title: fields.title,
        description: fields.description ?? null,
        completed: false,
        completedAt: null,
        priority: fields.priority ?? 'none',
        dueDate: fields.due_date ?? null,
        tags: fields.tags ?? [],
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        deletedAt: null,
      };
      if (key === undefined) {
        const task = toTask(await tasks.insert(state));
        announce(userId, task, 'added', by);
        return ok(task);
      }
      const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString();
      const { row, created } = await tasks.insertOnce(state, key, expiredBefore);
      if (created) announce(userId, toTask(row), 'added', by);
      if (row.deletedAt) {
        return fail(
          'conflict',
          `idempotency_key '${key}' already created task ${row.id}, which has since been deleted; restore it or use a new key`,
        );
      }
      return ok(toTask(row));
    },

    async get(userId: string, input: unknown): Promise<Result<Task>> {
      const parsed = validate(taskIdInput, input);
      if (!parsed.ok) return parsed;
      const row = await tasks.find(userId, parsed.value.task_id);
      return row ? ok(toTask(row)) : notFound(parsed.value.task_id);
    },

    async list(userId: string, input: unknown): Promise<Result<TaskPage>> {
      const parsed = validate(listTasksInput, input);
      if (!parsed.ok) return parsed;
      const query = parsed.value;
      const position = decodeCursor(query);
      if (!position.ok) return position;
      const limit = query.limit ?? LIMITS.pageSizeDefault;
      const filters = {
        status: query.status ?? 'open',
        query: query.query,
        tag: query.tag,
        priority: query.priority,
        dueBefore: query.due_before,
        dueAfter: query.due_after,
      } as const;
      // One extra row tells whether another page exists without a count query.
      const rows =
        (query.sort ?? 'created_at') === 'created_at'
          ? await tasks.listByCreated(
              userId,
              filters,
              limit + 1,
              position.value?.sort === 'created_at' ? position.value.at : undefined,
            )
          : await tasks.listByDue(
              userId,
              filters,
              limit + 1,
              position.value?.sort === 'due_date' ? position.value.at : undefined,
            );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        tasks: page.map(toTask),
        next_cursor: rows.length > limit && last ? encodeCursor(query, last) : null,
      });
    },

    async update(userId: string, input: unknown, by = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(updateTaskInput, input);
      if (!parsed.ok) return parsed;
      const { task_id: taskId, expected_version: expectedVersion, ...fields } = parsed.value;
      const changes = updateChanges(fields);
      if (Object.keys(changes).length === 0) {
        return fail(
          'validation_error',
          'nothing to update; give at least one of title, description, priority, due_date, tags',
        );
      }
      return change(
        userId,
        taskId,
        'live',
        (row) => (changesAnything(row, changes) ? changes : 'unchanged'),
        { kind: () => 'updated', by },
        expectedVersion,
      );
    },

    async complete(userId: string, input: unknown, by = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(completeTaskInput, input);
      if (!parsed.ok) return parsed;
      const completed = parsed.value.completed ?? true;
      return change(
        userId,
        parsed.value.task_id,
        'live',
        (row) =>
          row.completed === completed
            ? 'unchanged'
            : { completed, completedAt: completed ? clock().toISOString() : null },
        { kind: (task) => (task.completed ? 'completed' : 'reopened'), by },
      );
    },

    /** Soft delete: the task leaves every read but is kept for `restore`. */
    async delete(userId: string, input: unknown, by = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(taskIdInput, input);
      if (!parsed.ok) return parsed;
      return change(userId, parsed.value.task_id, 'live', () => ({ deletedAt: clock().toISOString() }), {
        kind: () => 'deleted',
        by,
      });
    },

    async restore(userId: string, input: unknown, by = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(taskIdInput, input);
      if (!parsed.ok) return parsed;
      return change(userId, parsed.value.task_id, 'any', (row) => (row.deletedAt ? { deletedAt: null } : 'unchanged'), {
        kind: () => 'restored',
        by,
      });
    },

    /** The most recently deleted tasks, for restoring. */
    async listDeleted(userId: string): Promise<Task[]> {
      return (await tasks.listDeleted(userId, RECENTLY_DELETED_MAX)).map(toTask);
    },

    countLive: (userId: string): Promise<number> => tasks.countLive(userId),

    /** What the user's tasks among `ids` are called (deleted ones too, marked); other ids are left out. */
    async titles(userId: string, ids: readonly string[]): Promise<Record<string, ToolCallTask>> {
      const rows = await tasks.titles(userId, [...new Set(ids)]);
      return Object.fromEntries(rows.map((row) => [row.id, { title: row.title, deleted: row.deletedAt !== null }]));
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;

function updateChanges(fields: Omit<UpdateTask, 'task_id' | 'expected_version'>): Exclude<Change, 'unchanged'> {
  const changes: Exclude<Change, 'unchanged'> = {};
  if (fields.title !== undefined) changes.title = fields.title;
  if (fields.description !== undefined) changes.description = fields.description;
  if (fields.priority !== undefined) changes.priority = fields.priority;
  if (fields.due_date !== undefined) changes.dueDate = fields.due_date;
  if (fields.tags !== undefined) changes.tags = fields.tags;
  return changes;
}

/** Whether applying `changes` to `row` would change anything; a no-op keeps the version. */
function changesAnything(row: TaskRow, changes: Exclude<Change, 'unchanged'>): boolean {
  return Object.entries(changes).some(([field, value]) => {
    const current = row[field as keyof TaskRow];
    return Array.isArray(value) ? JSON.stringify(value) !== JSON.stringify(current) : value !== current;
  });
}

function versionConflict(taskId: string, expected: number, actual: number): Result<Task> {
  return fail(
    'conflict',
    `task ${taskId} is at version ${actual}, not the expected_version ${expected}: someone changed it since you read it. Call get_task, reapply your change, and send expected_version ${actual}`,
  );
}
