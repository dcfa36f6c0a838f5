import { timeOrderedId } from '../ids/time-ordered-id';
import { IDEMPOTENCY_WINDOW_MS } from '../../shared/limits';
import type { ToolCallTask } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import type { Task } from '../../shared/task';
import { addTaskInput, completeTaskInput, taskIdInput, updateTaskInput } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import { validate } from '../../shared/validate';
import { createTaskRelationsRepository } from '../db/task-relations-repository';
import { toRow, type TaskRepository, type TaskRow, type TaskState } from '../db/task-repository';
import { createTaskWrites, type TaskLink } from '../db/task-writes';
import { actorOf, type Actor } from './actor';
import { createTaskClaims } from './task-claims';
import { runChange, taskNotFound } from './task-change';
import { EMPTY_SNAPSHOT, diffSnapshots, recordEvent, snapshotOf } from './task-history';
import { checkBlockers, checkParent, nameTasks } from './task-links';
import { createTaskProjects } from './task-projects';
import { createTaskReads } from './task-reads';
import { placeInScope, refuseReadOnly, scopedWrites, sees } from './task-scope';
import { createTaskUndo } from './task-undo';
import { planUpdate, updateChanges } from './task-update';
import { toTasks } from './task-view';

export interface TaskServiceOptions {
  tasks: TaskRepository;
  /**
   * Told after each change to a user's tasks committed, so the live feed reads
   * the change log now rather than at its next poll. The feed, not this call,
   * announces the change: one path for this process's changes and others'.
   */
  onCommit?: (userId: string) => void;
  clock?: () => Date;
  newId?: () => string;
}

/** Who a change is attributed to when the edge does not say (the CLI, tests). */
const UNATTRIBUTED = 'unknown client';

/** Projects match ignoring case and Unicode form. */
export const projectKey = (name: string) => foldForSearch(name);

/**
 * The one place task rules live. Every edge (MCP tools, UI API, CLI) calls
 * these methods with untrusted input and the user the caller's credentials
 * name; input never chooses the user. Each change is one transaction that
 * also writes its event to the change log (task_events).
 */
export function createTaskService({
  tasks,
  onCommit,
  clock = () => new Date(),
  newId = timeOrderedId,
}: TaskServiceOptions) {
  const writes = createTaskWrites(tasks.handle);
  const relations = createTaskRelationsRepository(tasks.handle);
  const show = async (userId: string, row: TaskRow) =>
    (await toTasks(relations, userId, [row], clock().toISOString()))[0] as Task;

  // Runs after the write committed: a failing listener must not turn a saved change into an error
  // (an agent told "failed" would retry and create a duplicate).
  function committed(userId: string): void {
    try {
      onCommit?.(userId);
    } catch {
      // The listener is responsible for its own logging; nothing here can undo or redo the write.
    }
  }

  /** Shows a change's task, after waking the live feed if anything was written. */
  async function finish(userId: string, result: Result<{ row: TaskRow; changed: boolean }>): Promise<Result<Task>> {
    if (!result.ok) return result;
    if (result.value.changed) committed(userId);
    return ok(await show(userId, result.value.row));
  }

  async function add(userId: string, input: unknown, by: Actor | string = UNATTRIBUTED): Promise<Result<Task>> {
    const parsed = validate(addTaskInput, input);
    if (!parsed.ok) return parsed;
    const { idempotency_key: key, parent_id: parentId, blocked_by: blockedBy = [], ...fields } = parsed.value;
    const actor = actorOf(by);
    const placed = await placeInScope(relations, userId, actor, fields.project, { parentId });
    if (!placed.ok) return placed;
    const project = placed.value ?? undefined;
    const result = await scopedWrites(writes, actor).transaction(
      async (scope): Promise<Result<{ row: TaskRow; changed: boolean }>> => {
        const now = clock().toISOString();
        const id = newId();
        let projectId =
          project === undefined
            ? null
            : (await scope.ensureProject(userId, project, projectKey(project), newId(), now)).id;
        if (parentId !== undefined || blockedBy.length > 0) await scope.lockGraph(userId);
        if (parentId !== undefined) {
          const [parent] = project === undefined ? await scope.links(userId, [parentId]) : [];
          if (parent) projectId = parent.projectId;
          const checked = await checkParent(scope, userId, { id, projectId, isNew: true }, parentId);
          if (!checked.ok) return checked;
        }
        let blockers: TaskLink[] = [];
        if (blockedBy.length > 0) {
          const checked = await checkBlockers(scope, userId, id, blockedBy);
          if (!checked.ok) return checked;
          blockers = checked.value;
        }
        const state: TaskState = {
          id,
          userId,
          title: fields.title,
          description: fields.description ?? null,
          completed: false,
          completedAt: null,
          priority: fields.priority ?? 'none',
          dueDate: fields.due_date ?? null,
          tags: fields.tags ?? [],
          version: 1,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          projectId,
          parentId: parentId ?? null,
          openBlockers: 0,
          claimTokenId: null,
          claimLabel: null,
          claimExpiresAt: null,
        };
        let row: TaskRow;
        if (key === undefined) {
          row = await scope.insertTask(toRow(state, null));
        } else {
          const expiredBefore = new Date(Date.parse(now) - IDEMPOTENCY_WINDOW_MS).toISOString();
          const once = await scope.insertTaskOnce(toRow(state, null), key, expiredBefore);
          if (!once.created && !sees(actor, once.row.projectId)) {
            // Another caller's task under this key, outside this token's projects: not shown, not reused.
            return fail('validation_error', `idempotency_key '${key}' is already in use; choose a new key`);
          }
          if (!once.created) return ok({ row: once.row, changed: false });
          row = once.row;
        }
        if (blockers.length > 0) {
          const openBlockers = await scope.replaceBlockers(userId, id, blockers, now);
          row = await scope.updateTask(userId, id, { openBlockers });
        }
        const blockerIds = blockers.map((blocker) => blocker.id);
        const changes = diffSnapshots(EMPTY_SNAPSHOT, snapshotOf(row, blockerIds));
        await recordEvent(scope, { row, kind: 'created', actor, changes, at: now });
        return ok({ row, changed: true });
      },
    );
    if (result.ok && result.value.row.deletedAt) {
      return fail(
        'conflict',
        `idempotency_key '${key}' already created task ${result.value.row.id}, which has since been deleted; restore it or use a new key`,
      );
    }
    return finish(userId, result);
  }

  async function update(userId: string, input: unknown, by: Actor | string = UNATTRIBUTED): Promise<Result<Task>> {
    const parsed = validate(updateTaskInput, input);
    if (!parsed.ok) return parsed;
    const { task_id: taskId, expected_version: expectedVersion, ...fields } = parsed.value;
    if (
      Object.keys(updateChanges(fields)).length === 0 &&
      fields.project === undefined &&
      fields.parent_id === undefined &&
      fields.blocked_by === undefined
    ) {
      return fail(
        'validation_error',
        'nothing to update; give at least one of title, description, priority, due_date, tags, project, parent_id, blocked_by',
      );
    }
    const actor = actorOf(by);
    if (fields.project !== undefined) {
      const placed = await placeInScope(relations, userId, actor, fields.project, undefined);
      if (!placed.ok) return placed;
    }
    const result = await runChange(writes, clock, {
      userId,
      taskId,
      which: 'live',
      actor,
      expectedVersion,
      respectsClaims: true,
      decide: (row, scope, now) => planUpdate({ row, scope, now, fields, newProjectId: newId }),
    });
    return finish(userId, result);
  }

  const service = {
    add,
    update,
    /** What the user's tasks among `ids` are called (deleted ones too, marked); other ids are left out. */
    async titles(userId: string, ids: readonly string[]): Promise<Record<string, ToolCallTask>> {
      const rows = await tasks.titles(userId, [...new Set(ids)]);
      return Object.fromEntries(rows.map((row) => [row.id, { title: row.title, deleted: row.deletedAt !== null }]));
    },
    ...createTaskReads({ tasks, relations, clock }),
    ...createTaskClaims({ writes, relations, tasks, clock, newId, show, committed }),
    ...createTaskProjects({ writes, clock, newId }),
    ...createTaskUndo({ relations, update }),

    async complete(userId: string, input: unknown, by: Actor | string = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(completeTaskInput, input);
      if (!parsed.ok) return parsed;
      const completed = parsed.value.completed ?? true;
      const actor = actorOf(by);
      const result = await runChange(writes, clock, {
        userId,
        taskId: parsed.value.task_id,
        which: 'live',
        actor,
        respectsClaims: true,
        decide: async (row, scope, now) => {
          if (row.completed === completed) return ok('unchanged');
          if (completed) {
            const subtasks = await scope.openSubtasks(row.id, 50);
            if (subtasks.length > 0) {
              return fail(
                'conflict',
                `task ${row.id} has open subtasks: ${nameTasks(subtasks)}; complete or delete them first`,
              );
            }
            const blockers = row.openBlockers > 0 ? await scope.openBlockers(row.id, 50) : [];
            if (blockers.length > 0) {
              return fail(
                'conflict',
                `task ${row.id} is blocked by open tasks: ${nameTasks(blockers)}; complete them first, or change blocked_by with update_task`,
              );
            }
          }
          return ok({
            kind: completed ? 'completed' : 'reopened',
            columns: { completed, completedAt: completed ? now : null },
            bumpsVersion: true,
          });
        },
      });
      return finish(userId, result);
    },

    /** Soft delete: the task leaves every read but is kept for `restore`. */
    async delete(userId: string, input: unknown, by: Actor | string = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(taskIdInput, input);
      if (!parsed.ok) return parsed;
      const actor = actorOf(by);
      const result = await runChange(writes, clock, {
        userId,
        taskId: parsed.value.task_id,
        which: 'live',
        actor,
        respectsClaims: true,
        decide: (_row, _scope, now) =>
          Promise.resolve(ok({ kind: 'deleted', columns: { deletedAt: now }, bumpsVersion: true })),
      });
      return finish(userId, result);
    },

    async restore(userId: string, input: unknown, by: Actor | string = UNATTRIBUTED): Promise<Result<Task>> {
      const parsed = validate(taskIdInput, input);
      if (!parsed.ok) return parsed;
      const actor = actorOf(by);
      const result = await runChange(writes, clock, {
        userId,
        taskId: parsed.value.task_id,
        which: 'any',
        actor,
        respectsClaims: false,
        decide: (row) =>
          Promise.resolve(
            ok(row.deletedAt ? { kind: 'restored', columns: { deletedAt: null }, bumpsVersion: true } : 'unchanged'),
          ),
      });
      return finish(userId, result);
    },
  };
  // The one gate for read-only tokens, whichever edge the call came through.
  return {
    ...service,
    ...refuseReadOnly(service, [
      'add',
      'update',
      'complete',
      'delete',
      'restore',
      'claim',
      'release',
      'addNote',
      'undo',
    ]),
  };
}

export { taskNotFound };
export type TaskService = ReturnType<typeof createTaskService>;
