import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { PRIORITIES } from '../../../shared/limits';
import { buildConstraints } from './constraints';
import { TASKS, USERS } from './spec';

const U = USERS.columns;
const T = TASKS.columns;

export const users = pgTable(USERS.name, {
  id: text(U.id.name).primaryKey(),
  displayName: text(U.displayName.name).notNull(),
  createdAt: text(U.createdAt.name).notNull(),
});

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
  },
  (table) => buildConstraints(TASKS, table, { index, uniqueIndex, check }),
);
