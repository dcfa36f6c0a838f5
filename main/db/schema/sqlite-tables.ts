import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRIORITIES } from '../../../shared/limits';
import { buildConstraints } from './constraints';
import { TASKS, USERS } from './spec';

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
