import { COORDINATION_LIMITS } from '../../shared/coordination';
import { addNoteInput, claimTaskInput, releaseTaskInput } from '../../shared/coordination-schemas';
import { fail, ok, type Result } from '../../shared/result';
import type { Task, TaskNote } from '../../shared/task';
import { validate } from '../../shared/validate';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskRepository, TaskRow } from '../db/task-repository';
import type { TaskWrites, TaskWriteScope } from '../db/task-writes';
import { actorOf, holdsClaim, liveClaim, SYSTEM, type Actor } from './actor';
import { heldByAnother, taskNotFound } from './task-change';
import { diffSnapshots, recordEvent, snapshotOf } from './task-history';
import { nameTasks } from './task-links';
import { scopedWrites, visibleProject } from './task-scope';

interface ClaimDeps {
  writes: TaskWrites;
  relations: TaskRelationsRepository;
  tasks: TaskRepository;
  clock: () => Date;
  newId: () => string;
  show: (userId: string, row: TaskRow) => Promise<Task>;
  /** Wakes the live feed after a commit (see TaskServiceOptions.onCommit). */
  committed: (userId: string) => void;
}

/** How many lapsed claims one sweep ends; the rest wait for the next. */
const SWEEP_BATCH = 100;

/**
 * How many lapsed claims a claim of the next task ends first, so that a task
 * whose lease ran out a moment ago is claimed in its turn rather than after
 * the sweeper's next pass. Small: a claim must stay short, and the sweeper
 * ends the rest within a second.
 */
const CLAIM_SWEEP_BATCH = 10;

/**
 * Claims with leases, and notes. Neither bumps the task's version (a
 * heartbeat must not break an agent's expected_version), but each writes its
 * event in the same transaction, like every change.
 */
export function createTaskClaims(deps: ClaimDeps) {
  const { writes, relations, clock, newId, show, committed } = deps;

  /** Sets or clears the claim columns and records the change as one event. */
  async function setClaim(
    scope: TaskWriteScope,
    row: TaskRow,
    claim: { tokenId: string | null; label: string; expiresAt: string } | null,
    kind: 'claimed' | 'renewed' | 'released' | 'lease_expired',
    actor: Actor,
    now: string,
  ): Promise<TaskRow> {
    const updated = await scope.updateTask(row.userId, row.id, {
      claimTokenId: claim?.tokenId ?? null,
      claimLabel: claim?.label ?? null,
      claimExpiresAt: claim?.expiresAt ?? null,
    });
    const changes = diffSnapshots(snapshotOf(row, []), snapshotOf(updated, []));
    await recordEvent(scope, { row: updated, kind, actor, changes, at: now });
    return updated;
  }

  /** Ends up to `limit` lapsed claims of any user, each with a lease_expired event; returns the tasks freed. */
  async function endLapsedClaims(scope: TaskWriteScope, at: string, limit: number): Promise<TaskRow[]> {
    const ended: TaskRow[] = [];
    for (const row of await scope.lockLapsedClaims(at, limit)) {
      ended.push(await setClaim(scope, row, null, 'lease_expired', SYSTEM, at));
    }
    return ended;
  }

  /** Wakes the live feed for every user whose tasks `rows` changed. */
  function announce(rows: readonly TaskRow[]): void {
    for (const userId of new Set(rows.map((row) => row.userId))) committed(userId);
  }

  async function writeNote(scope: TaskWriteScope, row: TaskRow, text: string, actor: Actor, now: string) {
    const note = {
      id: newId(),
      taskId: row.id,
      userId: row.userId,
      authorKind: actor.kind === 'person' ? ('person' as const) : ('agent' as const),
      authorLabel: actor.label,
      authorTokenId: actor.tokenId,
      text,
      createdAt: now,
    };
    await scope.insertNote(note);
    await recordEvent(scope, { row, kind: 'noted', actor, changes: { note: [null, { id: note.id, text }] }, at: now });
    return note;
  }

  async function claimOne(
    scope: TaskWriteScope,
    userId: string,
    taskId: string,
    actor: Actor,
    now: string,
    expiresAt: string,
  ) {
    const row = await scope.lockTask(userId, taskId, 'live');
    if (!row) return taskNotFound(taskId);
    if (row.completed) return fail<TaskRow>('conflict', `task ${taskId} is completed; there is nothing left to claim`);
    const held = liveClaim(row, now);
    if (held && !holdsClaim(actor, row)) return heldByAnother(taskId, held);
    if (!held && row.openBlockers > 0) {
      const blockers = await scope.openBlockers(taskId, 50);
      return fail<TaskRow>(
        'conflict',
        `task ${taskId} is blocked by open tasks: ${nameTasks(blockers)}; claim a ready task instead`,
      );
    }
    const claim = { tokenId: actor.tokenId, label: actor.label, expiresAt };
    // A lease that ran out but was not yet swept ends here, so the history says so before the new claim.
    const free =
      !held && row.claimExpiresAt !== null ? await setClaim(scope, row, null, 'lease_expired', SYSTEM, now) : row;
    return ok(await setClaim(scope, free, claim, held ? 'renewed' : 'claimed', actor, now));
  }

  return {
    /**
     * With task_id: claims that task, or renews the caller's own claim.
     * Without: claims the next ready task in claim order, optionally in one
     * project. Atomic under any concurrency (see lockNextReady).
     */
    async claim(userId: string, input: unknown, by: Actor | string): Promise<Result<Task>> {
      const parsed = validate(claimTaskInput, input);
      if (!parsed.ok) return parsed;
      const actor = actorOf(by);
      const { task_id: taskId, project } = parsed.value;
      const lease = parsed.value.lease_seconds ?? COORDINATION_LIMITS.leaseDefaultSeconds;
      let projectId: string | undefined;
      if (taskId === undefined && project !== undefined) {
        const found = await visibleProject(relations, userId, actor, project);
        if (!found) return fail('not_found', `no project named '${project}'; call list_projects to see them`);
        projectId = found.id;
      }
      let freed: TaskRow[] = [];
      const result = await scopedWrites(writes, actor).transaction(async (scope): Promise<Result<TaskRow>> => {
        const now = clock();
        const at = now.toISOString();
        const expiresAt = new Date(now.getTime() + lease * 1000).toISOString();
        if (taskId !== undefined) return claimOne(scope, userId, taskId, actor, at, expiresAt);
        // Lapsed claims end first, in this transaction, so the next task is the next in claim order
        // among all free ones, and each expiry is in the history before the task's new claim.
        freed = await endLapsedClaims(scope, at, CLAIM_SWEEP_BATCH);
        const next = await scope.lockNextReady(userId, projectId === undefined ? undefined : [projectId]);
        if (!next) {
          const where = project === undefined ? '' : ` in project '${project}'`;
          return fail(
            'not_found',
            `no task is ready${where}: every open task is blocked or claimed, or there are none. Check again later or call list_tasks`,
          );
        }
        const claim = { tokenId: actor.tokenId, label: actor.label, expiresAt };
        return ok(await setClaim(scope, next, claim, 'claimed', actor, at));
      });
      announce(freed);
      if (!result.ok) return result;
      committed(userId);
      return ok(await show(userId, result.value));
    },

    /** Ends the caller's claim, leaving an optional handoff note. The person may release anyone's. */
    async release(userId: string, input: unknown, by: Actor | string): Promise<Result<Task>> {
      const parsed = validate(releaseTaskInput, input);
      if (!parsed.ok) return parsed;
      const actor = actorOf(by);
      const { task_id: taskId, note } = parsed.value;
      const result = await scopedWrites(writes, actor).transaction(async (scope): Promise<Result<TaskRow>> => {
        const row = await scope.lockTask(userId, taskId, 'live');
        if (!row) return taskNotFound(taskId);
        const at = clock().toISOString();
        const held = liveClaim(row, at);
        if (held && !holdsClaim(actor, row) && actor.kind !== 'person') return heldByAnother(taskId, held);
        if (!held) return fail('conflict', `task ${taskId} is not claimed (or its lease ran out); nothing to release`);
        const released = await setClaim(scope, row, null, 'released', actor, at);
        if (note !== undefined) await writeNote(scope, released, note, actor, at);
        return ok(released);
      });
      if (!result.ok) return result;
      committed(userId);
      return ok(await show(userId, result.value));
    },

    async addNote(userId: string, input: unknown, by: Actor | string): Promise<Result<TaskNote>> {
      const parsed = validate(addNoteInput, input);
      if (!parsed.ok) return parsed;
      const actor = actorOf(by);
      const result = await scopedWrites(writes, actor).transaction(async (scope) => {
        const row = await scope.lockTask(userId, parsed.value.task_id, 'live');
        if (!row) return taskNotFound(parsed.value.task_id);
        const note = await writeNote(scope, row, parsed.value.text, actor, clock().toISOString());
        return ok({ row, note });
      });
      if (!result.ok) return result;
      committed(userId);
      const { note } = result.value;
      return ok({
        id: note.id,
        text: note.text,
        by: note.authorLabel,
        by_kind: note.authorKind,
        created_at: note.createdAt,
      });
    },

    /** Ends claims whose lease ran out, each with a lease_expired event; returns how many. */
    async expireLapsedClaims(): Promise<number> {
      const ended = await writes.transaction((scope) => endLapsedClaims(scope, clock().toISOString(), SWEEP_BATCH));
      announce(ended);
      return ended.length;
    },
  };
}
