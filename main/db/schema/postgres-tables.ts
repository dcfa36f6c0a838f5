import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { ACTOR_KINDS, TASK_EVENT_KINDS } from '../../../shared/coordination';
import { PRIORITIES, TOOL_CALL_OUTCOMES } from '../../../shared/limits';
import { buildConstraints } from './constraints';
import {
  API_TOKENS,
  PROJECTS,
  TASK_DEPENDENCIES,
  TASK_EVENTS,
  TASK_NOTES,
  TASKS,
  TOOL_CALLS,
  UI_SESSIONS,
  USERS,
} from './spec';

const U = USERS.columns;

export const users = pgTable(USERS.name, {
  id: text(U.id.name).primaryKey(),
  displayName: text(U.displayName.name).notNull(),
  createdAt: text(U.createdAt.name).notNull(),
});

const P = PROJECTS.columns;

export const projects = pgTable(
  PROJECTS.name,
  {
    id: text(P.id.name).primaryKey(),
    userId: text(P.userId.name)
      .notNull()
      .references(() => users.id),
    name: text(P.name.name).notNull(),
    nameKey: text(P.nameKey.name).notNull(),
    createdAt: text(P.createdAt.name).notNull(),
    updatedAt: text(P.updatedAt.name).notNull(),
  },
  (table) => buildConstraints(PROJECTS, table, { index, uniqueIndex, check }),
);

const T = TASKS.columns;

export const tasks = pgTable(
  TASKS.name,
  {
    id: text(T.id.name).primaryKey(),
    userId: text(T.userId.name)
      .notNull()
      .references(() => users.id),
    title: text(T.title.name).notNull(),
    description: text(T.description.name),
    completed: boolean(T.completed.name).notNull(),
    completedAt: text(T.completedAt.name),
    priority: text(T.priority.name, { enum: PRIORITIES }).notNull(),
    dueDate: text(T.dueDate.name),
    tags: jsonb(T.tags.name).$type<string[]>().notNull(),
    searchText: text(T.searchText.name).notNull(),
    idempotencyKey: text(T.idempotencyKey.name),
    version: integer(T.version.name).notNull(),
    // Timestamps are ISO 8601 UTC text on both dialects: they sort the same
    // way everywhere, so keyset cursors compare identically on both.
    createdAt: text(T.createdAt.name).notNull(),
    updatedAt: text(T.updatedAt.name).notNull(),
    deletedAt: text(T.deletedAt.name),
    projectId: text(T.projectId.name).references(() => projects.id),
    parentId: text(T.parentId.name).references((): AnyPgColumn => tasks.id),
    // The defaults fill rows that existed before these columns (the migration then derives ready_order).
    openBlockers: integer(T.openBlockers.name).notNull().default(0),
    readyOrder: text(T.readyOrder.name).notNull().default(''),
    claimTokenId: text(T.claimTokenId.name),
    claimLabel: text(T.claimLabel.name),
    claimExpiresAt: text(T.claimExpiresAt.name),
  },
  (table) => buildConstraints(TASKS, table, { index, uniqueIndex, check }),
);

const D = TASK_DEPENDENCIES.columns;

export const taskDependencies = pgTable(
  TASK_DEPENDENCIES.name,
  {
    taskId: text(D.taskId.name)
      .notNull()
      .references(() => tasks.id),
    blockerId: text(D.blockerId.name)
      .notNull()
      .references(() => tasks.id),
    userId: text(D.userId.name).notNull(),
    createdAt: text(D.createdAt.name).notNull(),
  },
  (table) => buildConstraints(TASK_DEPENDENCIES, table, { index, uniqueIndex, check }),
);

const N = TASK_NOTES.columns;

export const taskNotes = pgTable(
  TASK_NOTES.name,
  {
    id: text(N.id.name).primaryKey(),
    taskId: text(N.taskId.name)
      .notNull()
      .references(() => tasks.id),
    userId: text(N.userId.name).notNull(),
    authorKind: text(N.authorKind.name, { enum: ['agent', 'person'] }).notNull(),
    authorLabel: text(N.authorLabel.name).notNull(),
    authorTokenId: text(N.authorTokenId.name),
    text: text(N.text.name).notNull(),
    createdAt: text(N.createdAt.name).notNull(),
  },
  (table) => buildConstraints(TASK_NOTES, table, { index, uniqueIndex, check }),
);

const E = TASK_EVENTS.columns;

export const taskEvents = pgTable(
  TASK_EVENTS.name,
  {
    seq: bigint(E.seq.name, { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text(E.userId.name).notNull(),
    taskId: text(E.taskId.name).notNull(),
    kind: text(E.kind.name, { enum: TASK_EVENT_KINDS }).notNull(),
    version: integer(E.version.name).notNull(),
    actorKind: text(E.actorKind.name, { enum: ACTOR_KINDS }).notNull(),
    actorLabel: text(E.actorLabel.name).notNull(),
    actorTokenId: text(E.actorTokenId.name),
    changes: jsonb(E.changes.name).$type<Record<string, [unknown, unknown]>>().notNull(),
    createdAt: text(E.createdAt.name).notNull(),
  },
  (table) => buildConstraints(TASK_EVENTS, table, { index, uniqueIndex, check }),
);

const K = API_TOKENS.columns;

export const apiTokens = pgTable(
  API_TOKENS.name,
  {
    id: text(K.id.name).primaryKey(),
    userId: text(K.userId.name)
      .notNull()
      .references(() => users.id),
    label: text(K.label.name).notNull(),
    secretHash: text(K.secretHash.name).notNull(),
    createdAt: text(K.createdAt.name).notNull(),
    lastUsedAt: text(K.lastUsedAt.name),
    callCount: integer(K.callCount.name).notNull(),
    revokedAt: text(K.revokedAt.name),
    projectIds: jsonb(K.projectIds.name).$type<string[]>(),
    // The default fills tokens made before scopes: they may do everything.
    readOnly: boolean(K.readOnly.name).notNull().default(false),
  },
  (table) => buildConstraints(API_TOKENS, table, { index, uniqueIndex, check }),
);

const C = TOOL_CALLS.columns;

export const toolCalls = pgTable(
  TOOL_CALLS.name,
  {
    id: text(C.id.name).primaryKey(),
    userId: text(C.userId.name).notNull(),
    tokenId: text(C.tokenId.name),
    clientLabel: text(C.clientLabel.name).notNull(),
    tool: text(C.tool.name).notNull(),
    arguments: jsonb(C.arguments.name).$type<unknown>().notNull(),
    outcome: text(C.outcome.name, { enum: TOOL_CALL_OUTCOMES }).notNull(),
    errorCode: text(C.errorCode.name),
    result: jsonb(C.result.name).$type<unknown>(),
    durationMs: doublePrecision(C.durationMs.name).notNull(),
    taskId: text(C.taskId.name),
    createdAt: text(C.createdAt.name).notNull(),
  },
  (table) => buildConstraints(TOOL_CALLS, table, { index, uniqueIndex, check }),
);

const S = UI_SESSIONS.columns;

export const uiSessions = pgTable(
  UI_SESSIONS.name,
  {
    id: text(S.id.name).primaryKey(),
    kind: text(S.kind.name).notNull(),
    userId: text(S.userId.name)
      .notNull()
      .references(() => users.id),
    createdAt: text(S.createdAt.name).notNull(),
    expiresAt: text(S.expiresAt.name).notNull(),
  },
  (table) => buildConstraints(UI_SESSIONS, table, { index, uniqueIndex, check }),
);
