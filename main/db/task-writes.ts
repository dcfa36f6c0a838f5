import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { CHANGE_CHANNEL } from './change-log-repository';
import { UNCLAIMED_READY_PREDICATE } from './schema/spec';
import type { DatabaseHandle, QueryDb } from './database';
import type { NewTaskEventRow, NewTaskRow, ProjectRow, TaskNoteRow, TaskRow } from './schema/row-types';

export type TaskColumns = Partial<Omit<TaskRow, 'id' | 'userId' | 'createdAt'>>;

/** A task as a graph check needs it. */
export interface TaskLink {
  id: string;
  title: string;
  completed: boolean;
  deletedAt: string | null;
  projectId: string | null;
  parentId: string | null;
}

/**
 * The statements a task change runs, all inside one transaction (see
 * `DialectQueries.transaction`): the change, the derived counts it moves and
 * its event commit together or not at all. Rows a change decides on are read
 * with FOR UPDATE on Postgres; SQLite's write lock already holds everything.
 */
export function createTaskWrites(handle: DatabaseHandle) {
  return {
    transaction: <T>(body: (writes: TaskWriteScope) => Promise<T>): Promise<T> =>
      handle.dialect.transaction((tx) => body(createWriteScope(handle, tx))),
  };
}

export type TaskWrites = ReturnType<typeof createTaskWrites>;
export type TaskWriteScope = ReturnType<typeof createWriteScope>;

function createWriteScope(handle: DatabaseHandle, tx: QueryDb) {
  const { tasks, taskDependencies, taskEvents, taskNotes, projects } = handle.tables;
  const linkColumns = {
    id: tasks.id,
    title: tasks.title,
    completed: tasks.completed,
    deletedAt: tasks.deletedAt,
    projectId: tasks.projectId,
    parentId: tasks.parentId,
  };
  /** The users this transaction has already sent a change notification for (one per user is enough). */
  const notified = new Set<string>();
  /** FOR UPDATE on Postgres; SQLite has no row locks and needs none (see above). */
  function locked<Q>(query: Q, config?: { skipLocked?: boolean }): Q {
    if (handle.kind !== 'postgres') return query;
    return (query as unknown as { for: (strength: 'update', config?: { skipLocked?: boolean }) => Q }).for(
      'update',
      config,
    );
  }

  {
    return {
      async lockTask(userId: string, id: string, which: 'live' | 'deleted' | 'any'): Promise<TaskRow | undefined> {
        const deleted = { live: isNull(tasks.deletedAt), deleted: isNotNull(tasks.deletedAt), any: undefined }[which];
        const [row] = await locked(
          tx
            .select()
            .from(tasks)
            .where(and(eq(tasks.userId, userId), eq(tasks.id, id), deleted)),
        );
        return row;
      },

      /** Serialises changes to one user's task graph (parents, blockers) on Postgres, so two cannot close a cycle together. */
      async lockGraph(userId: string): Promise<void> {
        if (handle.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${userId}))`);
      },

      async insertTask(row: NewTaskRow): Promise<TaskRow> {
        const [inserted] = await tx.insert(tasks).values(row).returning();
        if (!inserted) throw new Error('insert returned no task');
        return inserted;
      },

      /** Inserts unless a task under `key` newer than `expiredBefore` exists; an older one gives the key up first. */
      async insertTaskOnce(row: NewTaskRow, key: string, expiredBefore: string) {
        await tx
          .update(tasks)
          .set({ idempotencyKey: null })
          .where(
            and(
              eq(tasks.userId, row.userId),
              eq(tasks.idempotencyKey, key),
              sql`${tasks.createdAt} < ${expiredBefore}`,
            ),
          );
        const [inserted] = await tx
          .insert(tasks)
          .values({ ...row, idempotencyKey: key })
          .onConflictDoNothing({ target: [tasks.userId, tasks.idempotencyKey] })
          .returning();
        if (inserted) return { row: inserted, created: true };
        const [existing] = await tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.userId, row.userId), eq(tasks.idempotencyKey, key)));
        if (!existing) throw new Error(`idempotency key ${key} neither inserted nor found`);
        return { row: existing, created: false };
      },

      async updateTask(userId: string, id: string, columns: TaskColumns): Promise<TaskRow> {
        const [row] = await tx
          .update(tasks)
          .set(columns)
          .where(and(eq(tasks.userId, userId), eq(tasks.id, id)))
          .returning();
        if (!row) throw new Error(`task ${id} vanished inside its own transaction`);
        return row;
      },

      /** Moves the open-blocker count of every task `blockerId` blocks, as the blocker closes (-1) or opens (+1). */
      async adjustDependents(blockerId: string, delta: 1 | -1): Promise<void> {
        await tx
          .update(tasks)
          .set({ openBlockers: sql`${tasks.openBlockers} + ${delta}` })
          .where(
            inArray(
              tasks.id,
              tx
                .select({ id: taskDependencies.taskId })
                .from(taskDependencies)
                .where(eq(taskDependencies.blockerId, blockerId)),
            ),
          );
      },

      /** The tasks named, of this user, locked for the change that links to them. */
      async lockLinks(userId: string, ids: readonly string[]): Promise<TaskLink[]> {
        if (ids.length === 0) return [];
        return locked(
          tx
            .select(linkColumns)
            .from(tasks)
            .where(and(eq(tasks.userId, userId), inArray(tasks.id, [...ids]))),
        );
      },

      links: selectLinks,

      /** Edges out of `taskIds`: which tasks block them. */
      blockerEdges(taskIds: readonly string[]) {
        if (taskIds.length === 0) return Promise.resolve([]);
        return tx
          .select({ taskId: taskDependencies.taskId, blockerId: taskDependencies.blockerId })
          .from(taskDependencies)
          .where(inArray(taskDependencies.taskId, [...taskIds]));
      },

      /** Replaces the task's blockers; returns how many of the new ones are open. */
      async replaceBlockers(userId: string, taskId: string, blockers: readonly TaskLink[], now: string) {
        await tx.delete(taskDependencies).where(eq(taskDependencies.taskId, taskId));
        if (blockers.length > 0) {
          await tx
            .insert(taskDependencies)
            .values(blockers.map((blocker) => ({ taskId, blockerId: blocker.id, userId, createdAt: now })));
        }
        return blockers.filter((blocker) => !blocker.completed && blocker.deletedAt === null).length;
      },

      /** Live children of these tasks. */
      children(parentIds: readonly string[]) {
        if (parentIds.length === 0) return Promise.resolve([]);
        return tx
          .select(linkColumns)
          .from(tasks)
          .where(and(inArray(tasks.parentId, [...parentIds]), isNull(tasks.deletedAt)));
      },

      async openSubtasks(parentId: string, limit: number): Promise<TaskLink[]> {
        return tx
          .select(linkColumns)
          .from(tasks)
          .where(and(eq(tasks.parentId, parentId), isNull(tasks.deletedAt), eq(tasks.completed, false)))
          .orderBy(asc(tasks.createdAt), asc(tasks.id))
          .limit(limit);
      },

      async openBlockers(taskId: string, limit: number): Promise<TaskLink[]> {
        return tx
          .select(linkColumns)
          .from(tasks)
          .innerJoin(taskDependencies, eq(taskDependencies.blockerId, tasks.id))
          .where(and(eq(taskDependencies.taskId, taskId), isNull(tasks.deletedAt), eq(tasks.completed, false)))
          .orderBy(asc(tasks.createdAt), asc(tasks.id))
          .limit(limit);
      },

      /** The user's project under this name key, created if missing (first use). */
      async ensureProject(userId: string, name: string, nameKey: string, id: string, now: string): Promise<ProjectRow> {
        await tx
          .insert(projects)
          .values({ id, userId, name, nameKey, createdAt: now, updatedAt: now })
          .onConflictDoNothing({ target: [projects.userId, projects.nameKey] });
        const [row] = await tx
          .select()
          .from(projects)
          .where(and(eq(projects.userId, userId), eq(projects.nameKey, nameKey)));
        if (!row) throw new Error(`project ${nameKey} neither inserted nor found`);
        return row;
      },

      /**
       * The next ready, unclaimed task in claim order, locked, in any of
       * `projectIds` when given (an empty list matches nothing): one read of
       * tasks_user_unclaimed_idx. Lapsed claims are not looked for here: the
       * claimer ends them first (lockLapsedClaims), which puts them back in
       * that index. On Postgres SKIP LOCKED passes over rows another claimer
       * holds, and a row claimed meanwhile fails the re-checked WHERE, so no
       * two callers get one task.
       */
      async lockNextReady(userId: string, projectIds: readonly string[] | undefined): Promise<TaskRow | undefined> {
        const inScope = and(
          eq(tasks.userId, userId),
          projectIds === undefined
            ? undefined
            : projectIds.length === 1
              ? eq(tasks.projectId, projectIds[0] as string)
              : inArray(tasks.projectId, projectIds.length > 0 ? [...projectIds] : ['']),
        );
        const [next] = await locked(
          tx
            .select()
            .from(tasks)
            .where(and(inScope, sql.raw(UNCLAIMED_READY_PREDICATE)))
            .orderBy(asc(tasks.readyOrder), asc(tasks.id))
            .limit(1),
          { skipLocked: true },
        );
        return next;
      },

      /** Claims whose lease ran out, oldest first, locked for ending them. */
      async lockLapsedClaims(now: string, limit: number): Promise<TaskRow[]> {
        return locked(
          tx
            .select()
            .from(tasks)
            .where(and(isNotNull(tasks.claimExpiresAt), lte(tasks.claimExpiresAt, now)))
            .orderBy(asc(tasks.claimExpiresAt))
            .limit(limit),
          { skipLocked: true },
        );
      },

      async insertEvent(event: NewTaskEventRow): Promise<number> {
        const [row] = await tx.insert(taskEvents).values(event).returning({ seq: taskEvents.seq });
        if (!row) throw new Error('event insert returned no seq');
        // Wakes the live feed of every process on this database, delivered only if and when this transaction
        // commits. SQLite has no such signal: its readers watch the file (see change-feed.ts).
        if (handle.kind === 'postgres' && !notified.has(event.userId)) {
          notified.add(event.userId);
          await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${event.userId})`);
        }
        return row.seq;
      },

      async insertNote(note: TaskNoteRow): Promise<void> {
        await tx.insert(taskNotes).values(note);
      },
    };

    function selectLinks(userId: string, ids: readonly string[]): Promise<TaskLink[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return tx
        .select(linkColumns)
        .from(tasks)
        .where(and(eq(tasks.userId, userId), inArray(tasks.id, [...ids])));
    }
  }
}
