import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRIORITIES, TOOL_CALL_OUTCOMES } from '../../../shared/limits';
import { buildConstraints } from './constraints';
import { API_TOKENS, TASKS, TOOL_CALLS, UI_SESSIONS, USERS } from './spec';

const U = USERS.columns;
const T = TASKS.columns;

export const users = sqliteTable(USERS.name, {
  id: text(U.id.name).primaryKey(),
  displayName: text(U.displayName.name).notNull(),
  createdAt: text(U.createdAt.name).notNull(),
});

export const tasks = sqliteTable(
  TASKS.name,
  {
    id: text(T.id.name).primaryKey(),
    userId: text(T.userId.name)
      .notNull()
      .references(() => users.id),
    title: text(T.title.name).notNull(),
    description: text(T.description.name),
    // SQLite has no boolean type; drizzle maps 0/1 to false/true.
    completed: integer(T.completed.name, { mode: 'boolean' }).notNull(),
    completedAt: text(T.completedAt.name),
    priority: text(T.priority.name, { enum: PRIORITIES }).notNull(),
    dueDate: text(T.dueDate.name),
    // SQLite keeps JSON as text; drizzle parses it back to the array.
    tags: text(T.tags.name, { mode: 'json' }).$type<string[]>().notNull(),
    searchText: text(T.searchText.name).notNull(),
    idempotencyKey: text(T.idempotencyKey.name),
    version: integer(T.version.name).notNull(),
    createdAt: text(T.createdAt.name).notNull(),
    updatedAt: text(T.updatedAt.name).notNull(),
    deletedAt: text(T.deletedAt.name),
  },
  (table) => buildConstraints(TASKS, table, { index, uniqueIndex, check }),
);

const K = API_TOKENS.columns;

export const apiTokens = sqliteTable(
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
  },
  (table) => buildConstraints(API_TOKENS, table, { index, uniqueIndex, check }),
);

const C = TOOL_CALLS.columns;

export const toolCalls = sqliteTable(
  TOOL_CALLS.name,
  {
    id: text(C.id.name).primaryKey(),
    userId: text(C.userId.name).notNull(),
    tokenId: text(C.tokenId.name),
    clientLabel: text(C.clientLabel.name).notNull(),
    tool: text(C.tool.name).notNull(),
    arguments: text(C.arguments.name, { mode: 'json' }).$type<unknown>().notNull(),
    outcome: text(C.outcome.name, { enum: TOOL_CALL_OUTCOMES }).notNull(),
    errorCode: text(C.errorCode.name),
    result: text(C.result.name, { mode: 'json' }).$type<unknown>(),
    durationMs: real(C.durationMs.name).notNull(),
    taskId: text(C.taskId.name),
    createdAt: text(C.createdAt.name).notNull(),
  },
  (table) => buildConstraints(TOOL_CALLS, table, { index, uniqueIndex, check }),
);

const S = UI_SESSIONS.columns;

export const uiSessions = sqliteTable(
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
