import type { TaskEventKind } from '../../shared/coordination';
import { fail, ok, type Result } from '../../shared/result';
import { readyOrderOf, searchTextOf, type TaskRow } from '../db/task-repository';
import type { TaskColumns, TaskLink, TaskWrites, TaskWriteScope } from '../db/task-writes';
import { holdsClaim, liveClaim, type Actor } from './actor';
import { diffSnapshots, recordEvent, snapshotOf } from './task-history';
import { scopedWrites } from './task-scope';

/** What a change decides: the columns to set and the event kind, or that nothing changes. */
export interface ChangePlan {
  kind: TaskEventKind;
  columns: TaskColumns;
  /** The task's new blockers (replacing the old), when the change sets them. */
  blockers?: TaskLink[];
  /** Field edits bump the version; claims and notes do not, so a heartbeat never breaks an agent's expected_version. */
  bumpsVersion: boolean;
}

export interface ChangeRequest {
  userId: string;
  taskId: string;
  which: 'live' | 'deleted' | 'any';
  actor: Actor;
  expectedVersion?: number;
  /** Refuse when another agent's live claim holds the task (update, complete, delete). */
  respectsClaims: boolean;
  decide: (row: TaskRow, writes: TaskWriteScope, now: string) => Promise<Result<ChangePlan | 'unchanged'>>;
}

export const taskNotFound = (id: string) =>
  fail('not_found', `no task with id ${id}; it may have been deleted. Call list_tasks to see current tasks`);

export function heldByAnother(taskId: string, claim: { label: string; expiresAt: string }) {
  return fail(
    'conflict',
    `task ${taskId} is claimed by ${claim.label} until ${claim.expiresAt}; leave it to them, or pick another task (list_tasks ready: true, or claim_task without task_id)`,
  );
}

/**
 * Runs one change as a transaction: lock the task, check its version and
 * claim, let `decide` plan, write the row, move the open-blocker counts of
 * the tasks it blocks when it opens or closes, and record exactly one event.
 * The person in the UI may act on a claimed task; doing so ends the claim,
 * and the event records that beside the change.
 */
export async function runChange(
  writes: TaskWrites,
  clock: () => Date,
  request: ChangeRequest,
): Promise<Result<{ row: TaskRow; changed: boolean }>> {
  const { userId, taskId, actor } = request;
  return scopedWrites(writes, actor).transaction(async (scope) => {
    const row = await scope.lockTask(userId, taskId, request.which);
    if (!row) return taskNotFound(taskId);
    if (request.expectedVersion !== undefined && row.version !== request.expectedVersion) {
      return versionConflict(taskId, request.expectedVersion, row.version);
    }
    const now = clock().toISOString();
    const claim = liveClaim(row, now);
    if (request.respectsClaims && claim && actor.kind === 'agent' && !holdsClaim(actor, row)) {
      return heldByAnother(taskId, claim);
    }
    const plan = await request.decide(row, scope, now);
    if (!plan.ok) return plan;
    if (plan.value === 'unchanged') return ok({ row, changed: false });
    const columns = completeColumns(row, plan.value, actor, now);
    const oldBlockers = plan.value.blockers ? (await scope.blockerEdges([taskId])).map((edge) => edge.blockerId) : [];
    if (plan.value.blockers) {
      columns.openBlockers = await scope.replaceBlockers(userId, taskId, plan.value.blockers, now);
    }
    const updated = await scope.updateTask(userId, taskId, columns);
    const wasOpen = !row.completed && row.deletedAt === null;
    const isOpen = !updated.completed && updated.deletedAt === null;
    if (wasOpen !== isOpen) await scope.adjustDependents(taskId, isOpen ? 1 : -1);
    const newBlockers = plan.value.blockers?.map((blocker) => blocker.id) ?? oldBlockers;
    const changes = diffSnapshots(snapshotOf(row, oldBlockers), snapshotOf(updated, newBlockers));
    await recordEvent(scope, { row: updated, kind: plan.value.kind, actor, changes, at: now });
    return ok({ row: updated, changed: true });
  });
}

/** The plan's columns plus what follows from them: version, derived keys, the claim's end. */
function completeColumns(row: TaskRow, plan: ChangePlan, actor: Actor, now: string): TaskColumns {
  const columns: TaskColumns = { ...plan.columns };
  if (plan.bumpsVersion) {
    columns.version = row.version + 1;
    columns.updatedAt = now;
  }
  const next = { ...row, ...columns };
  if ('title' in columns || 'description' in columns) columns.searchText = searchTextOf(next);
  if ('priority' in columns || 'dueDate' in columns) columns.readyOrder = readyOrderOf(next);
  const closes = plan.kind === 'completed' || plan.kind === 'deleted';
  const personOverrides = actor.kind === 'person' && plan.bumpsVersion;
  if (row.claimExpiresAt !== null && (closes || personOverrides)) {
    columns.claimTokenId = null;
    columns.claimLabel = null;
    columns.claimExpiresAt = null;
  }
  return columns;
}

function versionConflict(taskId: string, expected: number, actual: number) {
  return fail(
    'conflict',
    `task ${taskId} is at version ${actual}, not the expected_version ${expected}: someone changed it since you read it. Call get_task, reapply your change, and send expected_version ${actual}`,
  );
}
