import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { createPreparedQueries, type PlaceholderValues } from './prepared-queries';
import type { Priority, TaskStatusFilter } from '../../shared/limits';
import { foldForSearch } from '../../shared/text-rules';
import type { DatabaseHandle } from './database';
import type { NewTaskRow, TaskRow } from './schema/row-types';

export type { TaskRow };

/** The stored state of a task that a change may set; the rest is derived. */
export type TaskState = Omit<TaskRow, 'searchText' | 'idempotencyKey'>;

/** What a list reads of each task: what a task shows, not its search and idempotency columns. */
export type ListedTask = Omit<TaskState, 'userId'>;

export interface TaskFilters {
  status: TaskStatusFilter;
  query?: string;
  tag?: string;
  priority?: Priority;
  dueBefore?: string;
  dueAfter?: string;
}

/** A keyset position: the sort key and id of the last task already returned. */
export type CreatedPosition = { createdAt: string; id: string };
export type DuePosition = { dueDate: string | null; id: string };

const SEARCH_JOIN = '\u001f';

/**
 * The one repository both dialects run through. Every method is a single
 * statement, so none needs a transaction: concurrency is handled by the
 * version guard on `replace` and by the unique index behind idempotency keys.
 */
export function createTaskRepository(handle: DatabaseHandle) {
  const { db, dialect } = handle;
  const { tasks } = handle.tables;
  const owned = (userId: string, id: string) => and(eq(tasks.userId, userId), eq(tasks.id, id));

  // Lists read only the columns a task shows: search_text alone can be
  // longer than the rest of the row, and every column read costs per row.
  const listedColumns = {
    id: tasks.id,
    title: tasks.title,
    description: tasks.description,
    completed: tasks.completed,
    completedAt: tasks.completedAt,
    priority: tasks.priority,
    dueDate: tasks.dueDate,
    tags: tasks.tags,
    version: tasks.version,
    createdAt: tasks.createdAt,
    updatedAt: tasks.updatedAt,
    deletedAt: tasks.deletedAt,
  };
  const prepared = createPreparedQueries('tasks');
  const placeholder = (name: string) => sql.placeholder(name);

  /**
   * The WHERE conditions of a list, with every caller-supplied value as a
   * placeholder, and the shape key that says which SQL they make.
   */
  function filterConditions(filters: TaskFilters): { conditions: SQL[]; shape: string; values: PlaceholderValues } {
    const conditions: SQL[] = [eq(tasks.userId, placeholder('userId')), isNull(tasks.deletedAt)];
    const values: PlaceholderValues = {};
    if (filters.status !== 'all') conditions.push(eq(tasks.completed, filters.status === 'completed'));
    if (filters.query) {
      conditions.push(sql`${tasks.searchText} like ${placeholder('pattern')} escape '\\'`);
      values.pattern = likeContains(filters.query);
    }
    if (filters.tag) {
      conditions.push(dialect.tagsContain(tasks.tags, placeholder('tag')));
      values.tag = filters.tag;
    }
    if (filters.priority) {
      conditions.push(eq(tasks.priority, placeholder('priority')));
      values.priority = filters.priority;
    }
    if (filters.dueBefore) {
      conditions.push(lte(tasks.dueDate, placeholder('dueBefore')));
      values.dueBefore = filters.dueBefore;
    }
    if (filters.dueAfter) {
      conditions.push(gte(tasks.dueDate, placeholder('dueAfter')));
      values.dueAfter = filters.dueAfter;
    }
    const shape = [filters.status, ...Object.keys(values)].join(',');
    return { conditions, shape, values };
  }

  return {
    async insert(state: TaskState): Promise<TaskRow> {
      const [row] = await db.insert(tasks).values(toRow(state, null)).returning();
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
        await db
          .update(tasks)
          .set({ idempotencyKey: null })
          .where(
            and(
              eq(tasks.userId, state.userId),
              eq(tasks.idempotencyKey, key),
              sql`${tasks.createdAt} < ${expiredBefore}`,
            ),
          );
        const [inserted] = await db
          .insert(tasks)
          .values(toRow(state, key))
          .onConflictDoNothing({ target: [tasks.userId, tasks.idempotencyKey] })
          .returning();
        if (inserted) return { row: inserted, created: true };
        const [existing] = await db
          .select()
          .from(tasks)
          .where(and(eq(tasks.userId, state.userId), eq(tasks.idempotencyKey, key)));
        if (existing) return { row: existing, created: false };
      }
      throw new Error(`idempotency key kept changing hands while adding a task for ${state.userId}`);
    },

    async find(userId: string, id: string, which: 'live' | 'deleted' | 'any' = 'live'): Promise<TaskRow | undefined> {
      const deleted = { live: isNull(tasks.deletedAt), deleted: isNotNull(tasks.deletedAt), any: undefined }[which];
      const rows = await dialect.read(() =>
        prepared(
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
      };
      const { id, userId } = next;
      const [row] = await db
        .update(tasks)
        .set(changes)
        .where(and(owned(userId, id), eq(tasks.version, fromVersion)))
        .returning();
      return row;
    },

    /** Newest first; `after` is the last task of the previous page. */
    listByCreated(userId: string, filters: TaskFilters, limit: number, after?: CreatedPosition): Promise<ListedTask[]> {
      const { conditions, shape, values } = filterConditions(filters);
      if (after) {
        conditions.push(
          sql`(${tasks.createdAt}, ${tasks.id}) < (${placeholder('afterCreatedAt')}, ${placeholder('afterId')})`,
        );
      }
      const build = () =>
        db
          .select(listedColumns)
          .from(tasks)
          .where(and(...conditions))
          .orderBy(desc(tasks.createdAt), desc(tasks.id))
          .limit(placeholder('limit'));
      const run = {
        ...values,
        userId,
        limit,
        ...(after ? { afterCreatedAt: after.createdAt, afterId: after.id } : {}),
      };
      return dialect.read(() => prepared(`created:${shape}:${after ? 'after' : 'first'}`, build, run));
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
        const { conditions, shape, values } = filterConditions(filters);
        conditions.push(isNotNull(tasks.dueDate));
        if (after)
          conditions.push(
            sql`(${tasks.dueDate}, ${tasks.id}) > (${placeholder('afterDue')}, ${placeholder('afterId')})`,
          );
        const build = () =>
          db
            .select(listedColumns)
            .from(tasks)
            .where(and(...conditions))
            .orderBy(asc(tasks.dueDate), asc(tasks.id))
            .limit(placeholder('limit'));
        const run = { ...values, userId, limit, ...(after ? { afterDue: after.dueDate, afterId: after.id } : {}) };
        rows.push(...(await dialect.read(() => prepared(`dated:${shape}:${after ? 'after' : 'first'}`, build, run))));
      }
      const undatedCanMatch = !filters.dueBefore && !filters.dueAfter;
      if (rows.length < limit && undatedCanMatch) {
        const { conditions, shape, values } = filterConditions(filters);
        conditions.push(isNull(tasks.dueDate));
        const continuing = after?.dueDate === null;
        if (continuing) conditions.push(sql`${tasks.id} > ${placeholder('afterId')}`);
        const build = () =>
          db
            .select(listedColumns)
            .from(tasks)
            .where(and(...conditions))
            .orderBy(asc(tasks.id))
            .limit(placeholder('limit'));
        const run = { ...values, userId, limit: limit - rows.length, ...(continuing ? { afterId: after.id } : {}) };
        rows.push(
          ...(await dialect.read(() => prepared(`undated:${shape}:${continuing ? 'after' : 'first'}`, build, run))),
        );
      }
      return rows;
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

function toRow(state: TaskState, idempotencyKey: string | null): NewTaskRow {
  return { ...state, searchText: searchTextOf(state), idempotencyKey };
}

function searchTextOf(state: Pick<TaskState, 'title' | 'description'>): string {
  return foldForSearch(state.description ? `${state.title}${SEARCH_JOIN}${state.description}` : state.title);
}

/** A LIKE pattern matching `text` anywhere, with %, _ and \ taken literally. */
function likeContains(text: string): string {
  return `%${foldForSearch(text).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function required<T>(row: T | undefined): T {
  if (!row) throw new Error('database returned no row for a statement that must return one');
  return row;
}
