import { getTableName } from 'drizzle-orm';
import { getTableConfig as getPostgresTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresTarget, sqliteTarget, type TestDatabase } from '../../testing/database-targets';
import { introspect, SQL_TYPES, type LiveSchema } from '../../testing/introspect';
import { describePostgres } from '../../testing/postgres';
import * as postgresTables from './postgres-tables';
import * as sqliteTables from './sqlite-tables';
import { TABLE_SPECS, type TableSpec } from './spec';

type Dialect = 'sqlite' | 'postgres';

/** Which export of the table files holds each spec'd table. */
const TABLE_EXPORTS: Record<
  string,
  | 'users'
  | 'projects'
  | 'tasks'
  | 'taskDependencies'
  | 'taskNotes'
  | 'taskEvents'
  | 'apiTokens'
  | 'toolCalls'
  | 'uiSessions'
> = {
  users: 'users',
  projects: 'projects',
  tasks: 'tasks',
  task_dependencies: 'taskDependencies',
  task_notes: 'taskNotes',
  task_events: 'taskEvents',
  api_tokens: 'apiTokens',
  tool_calls: 'toolCalls',
  ui_sessions: 'uiSessions',
};

/** The tables the spec says a migrated database of `dialect` must hold. */
function expectedSchema(dialect: Dialect): LiveSchema {
  return Object.fromEntries(
    TABLE_SPECS.map((table) => [
      table.name,
      {
        columns: Object.values(table.columns).map((column) => ({
          name: column.name,
          sqlType: SQL_TYPES[dialect][column.kind],
          notNull: column.notNull,
          primaryKey: column.primaryKey ?? false,
        })),
        indexes: table.indexes.map((index) => index.name).sort(),
      },
    ]),
  );
}

/** What a drizzle table declares, reduced to what the spec states. */
function declared(spec: TableSpec, dialect: Dialect) {
  const name = TABLE_EXPORTS[spec.name];
  if (!name) throw new Error(`no table export for ${spec.name}`);
  const table = dialect === 'sqlite' ? sqliteTables[name] : postgresTables[name];
  const config = dialect === 'sqlite' ? getSqliteTableConfig(table as never) : getPostgresTableConfig(table as never);
  return {
    name: config.name,
    columns: config.columns.map((column) => ({
      name: column.name,
      sqlType: column.getSQLType().toLowerCase(),
      notNull: column.notNull,
      primaryKey: column.primary,
    })),
    references: config.foreignKeys.map((fk) => {
      const reference = fk.reference();
      return {
        column: reference.columns.map((column) => column.name).join(),
        table: getTableName(reference.foreignTable),
        target: reference.foreignColumns.map((column) => column.name).join(),
      };
    }),
    indexes: config.indexes.map((index) => ({
      name: index.config.name,
      unique: index.config.unique,
      columns: index.config.columns.map((column) => (column as { name: string }).name),
    })),
    checks: config.checks.map((check) => check.name).sort(),
  };
}

function specShape(spec: TableSpec, dialect: Dialect) {
  const columns = Object.values(spec.columns);
  return {
    name: spec.name,
    columns: columns.map((column) => ({
      name: column.name,
      sqlType: SQL_TYPES[dialect][column.kind],
      notNull: column.notNull,
      primaryKey: column.primaryKey ?? false,
    })),
    references: columns.flatMap((column) =>
      column.references
        ? [{ column: column.name, table: column.references.table, target: column.references.column }]
        : [],
    ),
    indexes: spec.indexes.map((index) => ({
      name: index.name,
      unique: index.unique ?? false,
      columns: index.columns,
    })),
    checks: Object.keys(spec.checks).sort(),
  };
}

describe('schema parity', () => {
  for (const spec of TABLE_SPECS) {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      it(`declares ${spec.name} in ${dialect} exactly as the spec says, column for column`, () => {
        expect(declared(spec, dialect)).toEqual(specShape(spec, dialect));
      });
    }
  }

  describe('a migrated SQLite file', () => {
    let database: TestDatabase;
    beforeAll(async () => (database = await openTestDatabase(sqliteTarget)));
    afterAll(() => database.cleanup());

    it('holds the spec’s tables, columns and indexes', async () => {
      expect(await introspect(database.location)).toEqual(expectedSchema('sqlite'));
    });
  });

  describePostgres('a migrated Postgres database', () => {
    let database: TestDatabase;
    beforeAll(async () => (database = await openTestDatabase(postgresTarget)));
    afterAll(() => database.cleanup());

    it('holds the spec’s tables, columns and indexes', async () => {
      expect(await introspect(database.location)).toEqual(expectedSchema('postgres'));
    });
  });
});
