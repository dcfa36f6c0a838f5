import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { createPreparedQueries, type PlaceholderValues } from './prepared-queries';
import {
  createTaskQueryShapes,
  type ListedTask,
  type TaskFilters,
  type TaskState,
  type TreeKey,
  type CreatedPosition,
  type DuePosition,
  type ReadyPosition,
} from './task-query-shapes';
import { readyOrderOf, searchTextOf, toRow } from './task-derived-columns';
import type { DatabaseHandle, ReadDb } from './database';
import { READY_PREDICATE, TASKS } from './schema/spec';
import type { NewTaskRow, TaskRow } from './schema/row-types';

export type { TaskRow };
export type {
  CreatedPosition,
  DuePosition,
  ListedTask,
  ReadyPosition,
  TaskFilters,
  TaskState,
  TreeKey,
} from './task-query-shapes';
export { readyOrderOf, searchTextOf, toRow } from './task-derived-columns';

/**
 * The one repository both dialects run through. Every method is a single
 * statement, so none needs a transaction: concurrency is handled by the
 * version guard on `replace` and by the unique index behind idempotency keys.
 */
export function createTaskRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { tasks } = handle.tables;

  const { listedColumns, matching } = createTaskQueryShapes(handle);
  const prepared = createPreparedQueries('tasks');
  const placeholder = (name: string) => sql.placeholder(name);
  // Every column as a placeholder named after its key: an insert is built once
  // and each row's values are bound to it, encoded per column (JSON, booleans).
  // (drizzle binds placeholders in `set` the same way, though its types only admit them in `values`.)
  const placeholdersFor = <T extends object>(columns: T): T =>
    Object.fromEntries(Object.keys(columns).map((key) => [key, placeholder(key)])) as T;
  const placeholderRow = placeholdersFor(getTableColumns(tasks)) as unknown as NewTaskRow;

  interface PageQuery {
    /** Names the SQL shape beyond the filters: sort, keyset position, group. */
    key: string;
    where: () => SQL[];
    orderBy: () => SQL[];
    values: PlaceholderValues;
    /** Rows to skip first (the UI's windows by position); a keyset page skips none. */
    offset?: number;
  }

  /** Runs one page of a list as a prepared statement, one per shape (filters present, status, page key). */
  function listPage(userId: string, filters: TaskFilters, limit: number, page: PageQuery): Promise<ListedTask[]> {
    const base = matching(userId, filters);
    const skips = page.offset !== undefined;
    const values: PlaceholderValues = {
      ...base.values,
      ...page.values,
      limit,
      ...(skips ? { offset: page.offset } : {}),
    };
    const build = (db: ReadDb) => () => {
      const query = db
        .select(listedColumns)
        .from(tasks)
        .where(and(...base.where(), ...page.where()))
        .orderBy(...page.orderBy())
        .limit(placeholder('limit'));
      return skips ? query.offset(placeholder('offset')) : query;
    };
    const shape = [page.key, skips ? 'offset' : 'keyset', base.shape].join(',');
    return dialect.read((db) =>
      dialect.selectColumns<ListedTask>(prepared.prepare(shape, build(db)), listedColumns, values),
    );
  }

  /** How many tasks match; `dated` narrows to those with (or without) a due date. A range of the list's index. */
  async function countMatching(userId: string, filters: TaskFilters, dated?: boolean): Promise<number> {
    const base = matching(userId, filters);
    const due = dated === undefined ? [] : [dated ? isNotNull(tasks.dueDate) : isNull(tasks.dueDate)];
    const shape = ['count', String(dated), base.shape].join(',');
    // The index whose range is exactly this count's, before the optional filters.
    const index = `tasks_user_${filters.status === 'all' ? '' : 'status_'}${dated === undefined ? 'created' : 'due'}_idx`;
    const rows = await dialect.read((db) =>
      prepared.run(
        shape,
        () =>
          db
            .select({ n: sql<number | string>`count(*)` })
            .from(dialect.countFrom(TASKS.name, index))
            .where(and(...base.where(), ...due)),
        base.values,
      ),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Whether any matching task is a subtask: if none is, the list is flat. Stops at the first one found. */
  async function hasMatchingSubtask(userId: string, filters: TaskFilters): Promise<boolean> {
    const base = matching(userId, filters);
    const rows = await dialect.read((db) =>
      prepared.run(
        ['has-subtask', base.shape].join(','),
        () =>
          db
            .select({ one: sql<number>`1` })
            .from(tasks)
            .where(and(...base.where(), isNotNull(tasks.parentId)))
            .limit(1),
        base.values,
      ),
    );
    return rows.length > 0;
  }

  return {
    /** The database this repository reads, for the services that write beside it. */
    handle,

    async insert(state: TaskState): Promise<TaskRow> {
      const [row] = await dialect.write((db) =>
        prepared.run(
          'insert',
          () => db.insert(tasks).values(placeholderRow).returning(),
          everyValueSet(toRow(state, null)),
        ),
      );
      return required(row);
    },

    /**
     * Inserts unless the user already has a task under this key, created after
     * `expiredBefore`; then returns that task instead. An older holder of the
     * key first gives it up, so the key can start a new task.
     */
    async insertOnce(
      state: TaskState,
      key: string,
      expiredBefore: string,
    ): Promise<{ row: TaskRow; created: boolean }> {
      // Two rounds: if the key's holder gives it up between our insert and our
      // read (it just passed 24 hours), the second insert takes the key.
      for (let round = 0; round < 2; round++) {
        await dialect.write((db) =>
          db
            .update(tasks)
            .set({ idempotencyKey: null })
            .where(
              and(
                eq(tasks.userId, state.userId),
                eq(tasks.idempotencyKey, key),
                sql`${tasks.createdAt} < ${expiredBefore}`,
              ),
            ),
        );
        const [inserted] = await dialect.write((db) =>
          db
            .insert(tasks)
            .values(toRow(state, key))
            .onConflictDoNothing({ target: [tasks.userId, tasks.idempotencyKey] })
            .returning(),
        );
        if (inserted) return { row: inserted, created: true };
        const [existing] = await dialect.read((db) =>
          db
            .select()
            .from(tasks)
            .where(and(eq(tasks.userId, state.userId), eq(tasks.idempotencyKey, key))),
        );
        if (existing) return { row: existing, created: false };
      }
      throw new Error(`idempotency key kept changing hands while adding a task for ${state.userId}`);
    },

    async find(userId: string, id: string, which: 'live' | 'deleted' | 'any' = 'live'): Promise<TaskRow | undefined> {
      const deleted = { live: isNull(tasks.deletedAt), deleted: isNotNull(tasks.deletedAt), any: undefined }[which];
      const rows = await dialect.read((db) =>
        prepared.run(
          `find:${which}`,
          () =>
            db
              .select()
              .from(tasks)
              .where(and(eq(tasks.userId, placeholder('userId')), eq(tasks.id, placeholder('id')), deleted)),
          { userId, id },
        ),
      );
      return rows[0];
    },

    /** Writes `next` only if the stored version is still `fromVersion`. */
    async replace(next: TaskState, fromVersion: number): Promise<TaskRow | undefined> {
      // Named field by field: `next` is often a row read earlier, and spreading it
      // would write back columns it does not own (an idempotency key that has
      // since been released, say).
      const changes = {
        title: next.title,
        description: next.description,
        completed: next.completed,
        completedAt: next.completedAt,
        priority: next.priority,
        dueDate: next.dueDate,
        tags: next.tags,
        version: next.version,
        updatedAt: next.updatedAt,
        deletedAt: next.deletedAt,
        searchText: searchTextOf(next),
        readyOrder: readyOrderOf(next),
      };
      const [row] = await dialect.write((db) =>
        prepared.run(
          'replace',
          () =>
            db
              .update(tasks)
              .set(placeholdersFor(changes))
              .where(
                and(
                  eq(tasks.userId, placeholder('userId')),
                  eq(tasks.id, placeholder('id')),
                  eq(tasks.version, placeholder('fromVersion')),
                ),
              )
              .returning(),
          everyValueSet({ ...changes, userId: next.userId, id: next.id, fromVersion }),
        ),
      );
      return row;
    },

    /** Deleted tasks, most recently deleted first (tasks_user_deleted_idx). */
    listDeleted(userId: string, limit: number): Promise<ListedTask[]> {
      return dialect.read((db) =>
        db
          .select(listedColumns)
          .from(tasks)
          .where(and(eq(tasks.userId, userId), isNotNull(tasks.deletedAt)))
          .orderBy(desc(tasks.userId), desc(tasks.deletedAt), desc(tasks.id))
          .limit(limit),
      );
    },

    /** Title and deletion time of those of `ids` that are the user's tasks, deleted ones included. */
    titles(userId: string, ids: string[]): Promise<{ id: string; title: string; deletedAt: string | null }[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        db
          .select({ id: tasks.id, title: tasks.title, deletedAt: tasks.deletedAt })
          .from(tasks)
          .where(and(eq(tasks.userId, userId), inArray(tasks.id, ids))),
      );
    },

    /** The user's tasks among `ids`, deleted ones included (the live feed shows them as they now are). */
    findAll(userId: string, ids: readonly string[]): Promise<TaskRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        db
          .select()
          .from(tasks)
          .where(and(eq(tasks.userId, userId), inArray(tasks.id, [...ids]))),
      );
    },

    /** Live tasks, open and completed, for the status bar. */
    async countLive(userId: string): Promise<number> {
      const [row] = await dialect.read((db) =>
        db
          .select({ n: sql<number | string>`count(*)` })
          .from(tasks)
          .where(and(eq(tasks.userId, userId), isNull(tasks.deletedAt))),
      );
      return Number(row?.n ?? 0);
    },

    /** Newest first; `after` is the last task of the previous page. */
    listByCreated(userId: string, filters: TaskFilters, limit: number, after?: CreatedPosition): Promise<ListedTask[]> {
      return listPage(userId, filters, limit, {
        key: after ? 'created-after' : 'created-first',
        where: () =>
          after
            ? [sql`(${tasks.createdAt}, ${tasks.id}) < (${placeholder('afterCreatedAt')}, ${placeholder('afterId')})`]
            : [],
        orderBy: () => [desc(tasks.createdAt), desc(tasks.id)],
        values: after ? { afterCreatedAt: after.createdAt, afterId: after.id } : {},
      });
    },

    /**
     * The ready queue in claim order (priority, due date, age): open, no open
     * blocker, claim free or lapsed. Served by tasks_user_ready_idx, or the
     * per-project index, whose predicate the query repeats word for word.
     */
    listReady(userId: string, filters: TaskFilters, limit: number, now: string, after?: ReadyPosition) {
      // status 'all': the ready predicate already says open, in the index's own words.
      return listPage(userId, { ...filters, status: 'all' }, limit, {
        key: after ? 'ready-after' : 'ready-first',
        where: () => [
          sql.raw(READY_PREDICATE),
          sql`(${tasks.claimExpiresAt} is null or ${tasks.claimExpiresAt} <= ${placeholder('now')})`,
          ...(after
            ? [sql`(${tasks.readyOrder}, ${tasks.id}) > (${placeholder('afterReady')}, ${placeholder('afterId')})`]
            : []),
        ],
        orderBy: () => [asc(tasks.readyOrder), asc(tasks.id)],
        values: { now, ...(after ? { afterReady: after.readyOrder, afterId: after.id } : {}) },
      });
    },

    countMatching,
    hasMatchingSubtask,

    /** What a tree of the matching tasks is built from: each one's parent and sort keys, in no order. */
    treeKeys(userId: string, filters: TaskFilters): Promise<TreeKey[]> {
      const base = matching(userId, filters);
      return dialect.read((db) =>
        prepared.run(
          ['tree-keys', base.shape].join(','),
          () =>
            db
              .select({ id: tasks.id, parentId: tasks.parentId, createdAt: tasks.createdAt, dueDate: tasks.dueDate })
              .from(tasks)
              .where(and(...base.where())),
          base.values,
        ),
      );
    },

    /** The user's live tasks among `ids`, in no order. */
    listByIds(userId: string, ids: readonly string[]): Promise<ListedTask[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        db
          .select(listedColumns)
          .from(tasks)
          .where(and(eq(tasks.userId, userId), isNull(tasks.deletedAt), inArray(tasks.id, [...ids]))),
      );
    },

    /** Title and parent of those of `ids` that are the user's tasks, for naming a subtask's ancestors. */
    parentsOf(
      userId: string,
      ids: readonly string[],
    ): Promise<{ id: string; title: string; parentId: string | null }[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return dialect.read((db) =>
        db
          .select({ id: tasks.id, title: tasks.title, parentId: tasks.parentId })
          .from(tasks)
          .where(and(eq(tasks.userId, userId), inArray(tasks.id, [...ids]))),
      );
    },

    /**
     * The `limit` tasks from position `offset` of the list (the UI's windows;
     * agents page by keyset). Due order is read as its two index ranges, as
     * in listByDue, with the dated count telling which range a position is in.
     */
    async listAt(
      userId: string,
      filters: TaskFilters,
      sort: 'created_at' | 'due_date',
      offset: number,
      limit: number,
    ): Promise<ListedTask[]> {
      if (sort === 'created_at') {
        return listPage(userId, filters, limit, {
          key: 'created-first',
          where: () => [],
          orderBy: () => [desc(tasks.createdAt), desc(tasks.id)],
          values: {},
          offset,
        });
      }
      const dated = await countMatching(userId, filters, true);
      const rows: ListedTask[] = [];
      if (offset < dated) {
        rows.push(
          ...(await listPage(userId, filters, limit, {
            key: 'dated-first',
            where: () => [isNotNull(tasks.dueDate)],
            orderBy: () => [asc(tasks.dueDate), asc(tasks.id)],
            values: {},
            offset,
          })),
        );
      }
      if (rows.length < limit && !filters.dueBefore && !filters.dueAfter) {
        rows.push(
          ...(await listPage(userId, filters, limit - rows.length, {
            key: 'undated-first',
            where: () => [isNull(tasks.dueDate)],
            orderBy: () => [asc(tasks.id)],
            values: {},
            offset: Math.max(0, offset - dated),
          })),
        );
      }
      return rows;
    },

    /**
     * Soonest due first, then tasks with no due date, oldest first. The two
     * groups are read as two index ranges: SQLite orders NULLs first and
     * cannot use an index for NULLS LAST, so one ORDER BY would sort every
     * matching row on each page.
     */
    async listByDue(userId: string, filters: TaskFilters, limit: number, after?: DuePosition): Promise<ListedTask[]> {
      const rows: ListedTask[] = [];
      if (!after || after.dueDate !== null) {
        rows.push(
          ...(await listPage(userId, filters, limit, {
            key: after ? 'dated-after' : 'dated-first',
            where: () => [
              isNotNull(tasks.dueDate),
              ...(after
                ? [sql`(${tasks.dueDate}, ${tasks.id}) > (${placeholder('afterDue')}, ${placeholder('afterId')})`]
                : []),
            ],
            orderBy: () => [asc(tasks.dueDate), asc(tasks.id)],
            values: after ? { afterDue: after.dueDate, afterId: after.id } : {},
          })),
        );
      }
      const undatedCanMatch = !filters.dueBefore && !filters.dueAfter;
      if (rows.length < limit && undatedCanMatch) {
        const continuing = after?.dueDate === null;
        rows.push(
          ...(await listPage(userId, filters, limit - rows.length, {
            key: continuing ? 'undated-after' : 'undated-first',
            where: () => [isNull(tasks.dueDate), ...(continuing ? [sql`${tasks.id} > ${placeholder('afterId')}`] : [])],
            orderBy: () => [asc(tasks.id)],
            values: continuing ? { afterId: after.id } : {},
          })),
        );
      }
      return rows;
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

/**
 * Prepared statements bind every placeholder, so a value left undefined would
 * be written as NULL, where drizzle's one-off statements skipped the column.
 * Writes name every column; a missing one is a bug to report, not a NULL to store.
 */
function everyValueSet<T extends object>(values: T): T {
  for (const [column, value] of Object.entries(values)) {
    if (value === undefined) throw new Error(`task write has no value for ${column}`);
  }
  return values;
}

function required<T>(row: T | undefined): T {
  if (!row) throw new Error('database returned no row for a statement that must return one');
  return row;
}
