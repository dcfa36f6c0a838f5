import { createHash } from 'node:crypto';

export type PlaceholderValues = Record<string, unknown>;

/** A query drizzle has prepared: placeholders in, rows (or a result) out. */
export interface PreparedQuery<T> {
  execute: (values?: PlaceholderValues) => Promise<T>;
}

interface Preparable<T> {
  prepare: (name: string) => PreparedQuery<T>;
}

/**
 * Builds each query shape once, as a prepared statement with placeholders,
 * and runs it with new values after that. Building SQL through drizzle on
 * every call cost more than running the query; a shape is everything that
 * changes the SQL text (which filters are present, the sort, the status),
 * while the values a caller sends are always placeholders, never SQL.
 * Postgres names prepared statements per connection, hence the stable name.
 */
export function createPreparedQueries(scope: string) {
  const cache = new Map<string, PreparedQuery<unknown>>();

  function prepare<T>(shape: string, build: () => Preparable<T>): PreparedQuery<T> {
    let query = cache.get(shape);
    if (!query) {
      const name = `${scope}_${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`;
      query = build().prepare(name);
      cache.set(shape, query);
    }
    return query as PreparedQuery<T>;
  }

  return {
    prepare,
    run: <T>(shape: string, build: () => Preparable<T>, values: PlaceholderValues): Promise<T> =>
      prepare(shape, build).execute(values),
  };
}
