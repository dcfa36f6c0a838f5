import Sqlite from 'better-sqlite3';
import type { DatabaseLocation } from '../config/database-location';
import type { ColumnKind } from '../db/schema/spec';
import { runAdminQuery } from './postgres';

/** A database's tables as they really are after migration, in one shape for both dialects. */
export interface LiveColumn {
  name: string;
  sqlType: string;
  notNull: boolean;
  primaryKey: boolean;
}
export type LiveSchema = Record<string, { columns: LiveColumn[]; indexes: string[] }>;

const BOOKKEEPING = new Set(['__drizzle_migrations']);

/** The SQL type each logical kind becomes in each dialect. */
export const SQL_TYPES: Record<'sqlite' | 'postgres', Record<ColumnKind, string>> = {
  sqlite: { text: 'text', integer: 'integer', real: 'real', boolean: 'integer', json: 'text', sequence: 'integer' },
  postgres: {
    text: 'text',
    integer: 'integer',
    real: 'double precision',
    boolean: 'boolean',
    json: 'jsonb',
    sequence: 'bigint',
  },
};

export async function introspect(location: DatabaseLocation): Promise<LiveSchema> {
  return location.kind === 'sqlite' ? introspectSqlite(location.path) : introspectPostgres(location.url);
}

function introspectSqlite(file: string): LiveSchema {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    const schema: LiveSchema = {};
    for (const { name } of tables.filter((table) => !BOOKKEEPING.has(table.name))) {
      const columns = db.prepare(`pragma table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const indexes = db.prepare(`pragma index_list("${name}")`).all() as { name: string; origin: string }[];
      schema[name] = {
        columns: columns.map((column) => ({
          name: column.name,
          sqlType: column.type.toLowerCase(),
          notNull: column.notnull === 1 || column.pk > 0,
          primaryKey: column.pk > 0,
        })),
        // 'c' = created by CREATE INDEX; the others back a PRIMARY KEY or UNIQUE clause.
        indexes: indexes
          .filter((index) => index.origin === 'c')
          .map((index) => index.name)
          .sort(),
      };
    }
    return schema;
  } finally {
    db.close();
  }
}

async function introspectPostgres(url: string): Promise<LiveSchema> {
  const columns = await runAdminQuery(
    url,
    `select c.table_name, c.column_name, c.data_type, c.is_nullable,
            exists (select 1 from information_schema.table_constraints tc
                    join information_schema.key_column_usage k using (constraint_schema, constraint_name)
                    where tc.constraint_type = 'PRIMARY KEY' and tc.table_name = c.table_name
                      and k.column_name = c.column_name and tc.table_schema = 'public') as primary_key
       from information_schema.columns c
      where c.table_schema = 'public'
      order by c.table_name, c.ordinal_position`,
  );
  const indexes = await runAdminQuery(
    url,
    `select tablename, indexname from pg_indexes
      where schemaname = 'public' and indexname not like '%_pkey' order by indexname`,
  );
  const schema: LiveSchema = {};
  for (const row of columns.rows as {
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    primary_key: boolean;
  }[]) {
    const table = (schema[row.table_name] ??= { columns: [], indexes: [] });
    table.columns.push({
      name: row.column_name,
      sqlType: row.data_type,
      notNull: row.is_nullable === 'NO',
      primaryKey: row.primary_key,
    });
  }
  for (const row of indexes.rows as { tablename: string; indexname: string }[]) {
    schema[row.tablename]?.indexes.push(row.indexname);
  }
  return schema;
}
