import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import { createPreparedQueries } from './prepared-queries';
import type { ProjectRow, TaskEventRow, TaskNoteRow } from './schema/row-types';
import { READY_PREDICATE } from './schema/spec';

export interface ProjectCounts {
  open: number;
  ready: number;
  claimed: number;
  completed: number;
}

/**
 * What a task shows beside its own row (its project's name, blockers,
 * subtask counts, notes, history) and the project list, read in a few
 * batched queries per page rather than per task.
 */
export function createTaskRelationsRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { tasks, projects, taskDependencies, taskNotes, taskEvents } = handle.tables;
  // Every page of a list reads these three; built once each, with the page's ids bound as one value.
  const prepared = createPreparedQueries('relations');
  const ids = sql.placeholder('ids');

  return {
    projectsById(userId: string, projectIds: readonly string[]): Promise<ProjectRow[]> {
      if (projectIds.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        prepared.run(
          'projects-by-id',
          () =>
            db
              .select()
              .from(projects)
              .where(and(eq(projects.userId, sql.placeholder('userId')), dialect.inIdList(projects.id, ids))),
          { userId, ids: dialect.idList(projectIds) },
        ),
      );
    },

    async projectByKey(userId: string, nameKey: string): Promise<ProjectRow | undefined> {
      const [row] = await dialect.read((db) =>
        db
          .select()
          .from(projects)
          .where(and(eq(projects.userId, userId), eq(projects.nameKey, nameKey))),
      );
      return row;
    },

    listProjects(userId: string): Promise<ProjectRow[]> {
      return dialect.read((db) =>
        db.select().from(projects).where(eq(projects.userId, userId)).orderBy(asc(projects.nameKey)),
      );
    },

    /** Per project id (null: no project): open, ready, claimed and completed live tasks. */
    async projectCounts(userId: string, now: string): Promise<Map<string | null, ProjectCounts>> {
      const rows = await dialect.read((db) =>
        db
          .select({
            projectId: tasks.projectId,
            open: sql<number | string>`sum(case when ${tasks.completed} then 0 else 1 end)`,
            ready: sql<
              number | string
            >`sum(case when ${sql.raw(READY_PREDICATE)} and (${tasks.claimExpiresAt} is null or ${tasks.claimExpiresAt} <= ${now}) then 1 else 0 end)`,
            claimed: sql<
              number | string
            >`sum(case when ${tasks.completed} = false and ${tasks.claimExpiresAt} > ${now} then 1 else 0 end)`,
            completed: sql<number | string>`sum(case when ${tasks.completed} then 1 else 0 end)`,
          })
          .from(tasks)
          .where(and(eq(tasks.userId, userId), isNull(tasks.deletedAt)))
          .groupBy(tasks.projectId),
      );
      return new Map(
        rows.map((row) => [
          row.projectId,
          {
            open: Number(row.open),
            ready: Number(row.ready),
            claimed: Number(row.claimed),
            completed: Number(row.completed),
          },
        ]),
      );
    },

    async renameProject(userId: string, id: string, name: string, nameKey: string, now: string) {
      const [row] = await dialect.write((db) =>
        db
          .update(projects)
          .set({ name, nameKey, updatedAt: now })
          .where(and(eq(projects.userId, userId), eq(projects.id, id)))
          .returning(),
      );
      return row;
    },

    /** Which of the user's tasks each of `blockerIds` blocks: their blocked flag moves when a blocker closes or opens. */
    dependents(userId: string, blockerIds: readonly string[]): Promise<{ taskId: string; blockerId: string }[]> {
      if (blockerIds.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        db
          .select({ taskId: taskDependencies.taskId, blockerId: taskDependencies.blockerId })
          .from(taskDependencies)
          .where(and(eq(taskDependencies.userId, userId), inArray(taskDependencies.blockerId, [...blockerIds]))),
      );
    },

    /** Blocker ids of each task. */
    blockerIds(taskIds: readonly string[]): Promise<{ taskId: string; blockerId: string }[]> {
      if (taskIds.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        prepared.run(
          'blocker-ids',
          () =>
            db
              .select({ taskId: taskDependencies.taskId, blockerId: taskDependencies.blockerId })
              .from(taskDependencies)
              .where(dialect.inIdList(taskDependencies.taskId, ids)),
          { ids: dialect.idList(taskIds) },
        ),
      );
    },

    /** Live subtasks of each parent: how many, and how many open. */
    async subtaskCounts(parentIds: readonly string[]): Promise<Map<string, { open: number; total: number }>> {
      if (parentIds.length === 0) return new Map();
      const rows = await dialect.read((db) =>
        prepared.run(
          'subtask-counts',
          () =>
            db
              .select({
                parentId: tasks.parentId,
                total: sql<number | string>`count(*)`,
                open: sql<number | string>`sum(case when ${tasks.completed} then 0 else 1 end)`,
              })
              .from(tasks)
              .where(and(dialect.inIdList(tasks.parentId, ids), isNull(tasks.deletedAt)))
              .groupBy(tasks.parentId),
          { ids: dialect.idList(parentIds) },
        ),
      );
      return new Map(rows.map((row) => [row.parentId ?? '', { open: Number(row.open), total: Number(row.total) }]));
    },

    /** A task's notes, newest first, older than `before` (a note's time and id) when given. */
    latestNotes(taskId: string, limit: number, before?: { createdAt: string; id: string }): Promise<TaskNoteRow[]> {
      const older =
        before === undefined
          ? undefined
          : or(
              lt(taskNotes.createdAt, before.createdAt),
              and(eq(taskNotes.createdAt, before.createdAt), lt(taskNotes.id, before.id)),
            );
      return dialect.read((db) =>
        db
          .select()
          .from(taskNotes)
          .where(and(eq(taskNotes.taskId, taskId), older))
          .orderBy(desc(taskNotes.createdAt), desc(taskNotes.id))
          .limit(limit),
      );
    },

    /** A task's events, newest first, older than `beforeSeq` when given. */
    events(taskId: string, limit: number, beforeSeq?: number): Promise<TaskEventRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(taskEvents)
          .where(
            and(eq(taskEvents.taskId, taskId), beforeSeq === undefined ? undefined : lt(taskEvents.seq, beforeSeq)),
          )
          .orderBy(desc(taskEvents.seq))
          .limit(limit),
      );
    },

    /** One event of the user's task and the ones after it, oldest first, at most `limit` (undo). */
    eventsFrom(userId: string, taskId: string, seq: number, limit: number): Promise<TaskEventRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(taskEvents)
          .where(and(eq(taskEvents.userId, userId), eq(taskEvents.taskId, taskId), gte(taskEvents.seq, seq)))
          .orderBy(asc(taskEvents.seq))
          .limit(limit),
      );
    },

    /** A task's whole history, oldest first (replay, undo). */
    allEvents(userId: string, taskId: string): Promise<TaskEventRow[]> {
      return dialect.read((db) =>
        db
          .select()
          .from(taskEvents)
          .where(and(eq(taskEvents.userId, userId), eq(taskEvents.taskId, taskId)))
          .orderBy(asc(taskEvents.seq)),
      );
    },
  };
}

export type TaskRelationsRepository = ReturnType<typeof createTaskRelationsRepository>;
