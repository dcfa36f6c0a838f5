import type { TaskEventKind } from '../../shared/coordination';
import type { TaskEvent } from '../../shared/task';
import type { TaskRow } from '../db/task-repository';
import type { TaskEventRow } from '../db/schema/row-types';
import type { TaskWriteScope } from '../db/task-writes';
import type { Actor } from './actor';

/**
 * The fields a task's history tracks, under their wire names. An event holds
 * each one that changed as [old, new], so replaying a task's events from
 * nothing gives its current snapshot (see task-history.test in the contract).
 */
export interface TaskSnapshot {
  title: string | null;
  description: string | null;
  priority: string | null;
  due_date: string | null;
  tags: string[] | null;
  completed: boolean | null;
  deleted: boolean | null;
  project_id: string | null;
  parent_id: string | null;
  blocked_by: string[] | null;
  claim: { by: string; token_id: string | null; expires_at: string } | null;
}

export const EMPTY_SNAPSHOT: TaskSnapshot = {
  title: null,
  description: null,
  priority: null,
  due_date: null,
  tags: null,
  completed: null,
  deleted: null,
  project_id: null,
  parent_id: null,
  blocked_by: null,
  claim: null,
};

export function snapshotOf(row: TaskRow, blockedBy: readonly string[]): TaskSnapshot {
  return {
    title: row.title,
    description: row.description,
    priority: row.priority,
    due_date: row.dueDate,
    tags: row.tags,
    completed: row.completed,
    deleted: row.deletedAt !== null,
    project_id: row.projectId,
    parent_id: row.parentId,
    blocked_by: [...blockedBy].sort(),
    claim:
      row.claimExpiresAt === null
        ? null
        : { by: row.claimLabel ?? '', token_id: row.claimTokenId, expires_at: row.claimExpiresAt },
  };
}

export type FieldChanges = Record<string, [unknown, unknown]>;

export function diffSnapshots(before: TaskSnapshot, after: TaskSnapshot): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of Object.keys(after) as (keyof TaskSnapshot)[]) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = [before[field], after[field]];
  }
  return changes;
}

/** Applies one event's changes to a snapshot: the replay that proves the log complete. */
export function applyEvent(snapshot: TaskSnapshot, changes: FieldChanges): TaskSnapshot {
  const next: Record<string, unknown> = { ...snapshot };
  for (const [field, [, value]] of Object.entries(changes)) {
    if (field in next) next[field] = value;
  }
  return next as unknown as TaskSnapshot;
}

export function recordEvent(
  writes: TaskWriteScope,
  event: { row: TaskRow; kind: TaskEventKind; actor: Actor; changes: FieldChanges; at: string },
): Promise<number> {
  return writes.insertEvent({
    userId: event.row.userId,
    taskId: event.row.id,
    kind: event.kind,
    version: event.row.version,
    actorKind: event.actor.kind,
    actorLabel: event.actor.label,
    actorTokenId: event.actor.tokenId,
    changes: event.changes,
    createdAt: event.at,
  });
}

/** An event as agents and the UI read it; token ids stay inside. */
export function toTaskEvent(row: TaskEventRow): TaskEvent {
  const changes: FieldChanges = {};
  for (const [field, [before, after]] of Object.entries(row.changes)) {
    changes[field] = field === 'claim' ? [claimView(before), claimView(after)] : [before, after];
  }
  return {
    seq: row.seq,
    kind: row.kind,
    version: row.version,
    by: row.actorLabel,
    by_kind: row.actorKind,
    changes,
    at: row.createdAt,
  };
}

function claimView(claim: unknown): unknown {
  if (claim === null || typeof claim !== 'object') return claim;
  const { by, expires_at } = claim as { by?: unknown; expires_at?: unknown };
  return { by, expires_at };
}
