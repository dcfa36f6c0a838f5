import { and, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Priority, TaskStatusFilter } from '../../shared/limits';
import type { DatabaseHandle } from './database';
import type { PlaceholderValues } from './prepared-queries';
import type { TaskRow } from './schema/row-types';
import { likeContains } from './task-derived-columns';

/** The stored state of a task that a change may set; the rest is derived. */
export type TaskState = Omit<TaskRow, 'searchText' | 'idempotencyKey' | 'readyOrder'>;

/** What a list reads of each task: what a task shows, not its search and idempotency columns. */
export type ListedTask = Omit<TaskRow, 'userId' | 'searchText' | 'idempotencyKey'>;

export interface TaskFilters {
  status: TaskStatusFilter;
  projectId?: string;
  /** Any of these projects: a scoped token's reach (see tasks/task-scope.ts). */
  projectIds?: readonly string[];
  parentId?: string;
  /** Tasks whose live claim this holder has: its token id, or for a token-less client its label. */
  claimedBy?: { tokenId: string | null; label: string; now: string };
  query?: string;
  tag?: string;
  priority?: Priority;
  dueBefore?: string;
  dueAfter?: string;
}

/** A matching task's place in the tree and its sort keys. */
export interface TreeKey {
  id: string;
  parentId: string | null;
  createdAt: string;
  dueDate: string | null;
}

/** A keyset position: the sort key and id of the last task already returned. */
export type CreatedPosition = { createdAt: string; id: string };
export type DuePosition = { dueDate: string | null; id: string };
export type ReadyPosition = { readyOrder: string; id: string };

/**
 * The shapes of the task lists: the columns a list reads and the conditions a
 * list's filters add, each as a placeholder, so one prepared statement serves
 * every list of a shape (task-repository.ts runs them).
 */
export function createTaskQueryShapes(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { tasks } = handle.tables;
  const placeholder = (name: string) => sql.placeholder(name);

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
    projectId: tasks.projectId,
    parentId: tasks.parentId,
    openBlockers: tasks.openBlockers,
    readyOrder: tasks.readyOrder,
    claimTokenId: tasks.claimTokenId,
    claimLabel: tasks.claimLabel,
    claimExpiresAt: tasks.claimExpiresAt,
  };
  // The optional filters of a list: the value each binds, and the condition it
  // adds. Conditions are built only when a query shape is first prepared.
  const optionalFilters: { name: string; value: (filters: TaskFilters) => string | undefined; condition: () => SQL }[] =
    [
      {
        name: 'pattern',
        value: (filters) => (filters.query ? likeContains(filters.query) : undefined),
        condition: () => sql`${tasks.searchText} like ${placeholder('pattern')} escape '\\'`,
      },
      {
        name: 'tag',
        value: (filters) => filters.tag,
        condition: () => dialect.tagsContain(tasks.tags, placeholder('tag')),
      },
      {
        name: 'priority',
        value: (filters) => filters.priority,
        condition: () => eq(tasks.priority, placeholder('priority')),
      },
      {
        name: 'dueBefore',
        value: (filters) => filters.dueBefore,
        condition: () => lte(tasks.dueDate, placeholder('dueBefore')),
      },
      {
        name: 'projectId',
        value: (filters) => filters.projectId,
        condition: () => eq(tasks.projectId, placeholder('projectId')),
      },
      {
        name: 'parentId',
        value: (filters) => filters.parentId,
        condition: () => eq(tasks.parentId, placeholder('parentId')),
      },
      {
        name: 'claimedByToken',
        value: (filters) => filters.claimedBy?.tokenId ?? undefined,
        condition: () => eq(tasks.claimTokenId, placeholder('claimedByToken')),
      },
      {
        name: 'claimedByLabel',
        value: (filters) =>
          filters.claimedBy && filters.claimedBy.tokenId === null ? filters.claimedBy.label : undefined,
        condition: () => and(isNull(tasks.claimTokenId), eq(tasks.claimLabel, placeholder('claimedByLabel'))) as SQL,
      },
      {
        name: 'claimLive',
        value: (filters) => filters.claimedBy?.now,
        condition: () => sql`${tasks.claimExpiresAt} > ${placeholder('claimLive')}`,
      },
      {
        name: 'dueAfter',
        value: (filters) => filters.dueAfter,
        condition: () => gte(tasks.dueDate, placeholder('dueAfter')),
      },
    ];

  const scopeCondition = (names: readonly string[]): SQL =>
    names.length === 0 ? sql`false` : inArray(tasks.projectId, names.map(placeholder));

  /**
   * The conditions every list and count of `filters` shares, with the values
   * they bind: which filters are present decides the SQL text, and every
   * caller-supplied value is a placeholder.
   */
  function matching(userId: string, filters: TaskFilters) {
    const values: PlaceholderValues = { userId };
    const present = optionalFilters.filter((filter) => {
      const value = filter.value(filters);
      if (value === undefined) return false;
      values[filter.name] = value;
      return true;
    });
    // One placeholder per project id: the count is part of the shape, the ids are values.
    const scopeNames = (filters.projectIds ?? []).map((id, at) => {
      values[`scope${at}`] = id;
      return `scope${at}`;
    });
    const where = (): SQL[] => [
      eq(tasks.userId, placeholder('userId')),
      isNull(tasks.deletedAt),
      ...(filters.status === 'all' ? [] : [eq(tasks.completed, filters.status === 'completed')]),
      ...present.map((filter) => filter.condition()),
      ...(filters.projectIds ? [scopeCondition(scopeNames)] : []),
    ];
    const shape = [
      filters.status,
      ...present.map((filter) => filter.name),
      ...(filters.projectIds ? [`projects:${scopeNames.length}`] : []),
    ].join(',');
    return { values, where, shape };
  }

  return { listedColumns, matching };
}
