import type { InferInsertModel, InferSelectModel } from 'drizzle-orm';
import type * as postgresTables from './postgres-tables';
import type * as sqliteTables from './sqlite-tables';

/**
 * Compile-time proof that a row read from either dialect has exactly the same
 * TypeScript shape, which is what lets one repository serve both. If a column
 * is changed in one table file only, type-checking fails here.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the standard exact-equality trick
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type TaskRow = InferSelectModel<typeof postgresTables.tasks>;
export type NewTaskRow = InferInsertModel<typeof postgresTables.tasks>;
export type UserRow = InferSelectModel<typeof postgresTables.users>;
export type ApiTokenRow = InferSelectModel<typeof postgresTables.apiTokens>;
export type ToolCallRow = InferSelectModel<typeof postgresTables.toolCalls>;
export type UiSessionRow = InferSelectModel<typeof postgresTables.uiSessions>;
export type ProjectRow = InferSelectModel<typeof postgresTables.projects>;
export type TaskDependencyRow = InferSelectModel<typeof postgresTables.taskDependencies>;
export type TaskNoteRow = InferSelectModel<typeof postgresTables.taskNotes>;
export type TaskEventRow = InferSelectModel<typeof postgresTables.taskEvents>;
// seq is the database's to assign (an identity on Postgres, which drizzle's insert type leaves out).
export type NewTaskEventRow = Omit<InferInsertModel<typeof postgresTables.taskEvents>, 'seq'>;

export type RowTypesMatch = [
  Assert<Equal<InferSelectModel<typeof sqliteTables.tasks>, TaskRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.tasks>, NewTaskRow>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.users>, UserRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.users>, InferInsertModel<typeof postgresTables.users>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.apiTokens>, ApiTokenRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.apiTokens>, InferInsertModel<typeof postgresTables.apiTokens>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.toolCalls>, ToolCallRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.toolCalls>, InferInsertModel<typeof postgresTables.toolCalls>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.uiSessions>, UiSessionRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.uiSessions>, InferInsertModel<typeof postgresTables.uiSessions>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.projects>, ProjectRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.projects>, InferInsertModel<typeof postgresTables.projects>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.taskDependencies>, TaskDependencyRow>>,
  Assert<
    Equal<
      InferInsertModel<typeof sqliteTables.taskDependencies>,
      InferInsertModel<typeof postgresTables.taskDependencies>
    >
  >,
  Assert<Equal<InferSelectModel<typeof sqliteTables.taskNotes>, TaskNoteRow>>,
  Assert<Equal<InferInsertModel<typeof sqliteTables.taskNotes>, InferInsertModel<typeof postgresTables.taskNotes>>>,
  Assert<Equal<InferSelectModel<typeof sqliteTables.taskEvents>, TaskEventRow>>,
  Assert<Equal<Omit<InferInsertModel<typeof sqliteTables.taskEvents>, 'seq'>, NewTaskEventRow>>,
];
