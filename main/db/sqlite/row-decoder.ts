import type { Column } from 'drizzle-orm';

type RowDecoder = (row: unknown[]) => Record<string, unknown>;

const decoders = new WeakMap<Record<string, Column>, RowDecoder>();

/**
 * Turns a row read as an array, in the order of `columns`, into the object
 * drizzle would return, decoding each value as its column does (JSON text,
 * 0/1 booleans). Built once per column set: drizzle's general row mapper
 * walks each field's path and type on every cell, which on a page of 50
 * tasks cost more than SQLite's own work for the query.
 */
export function rowDecoder(columns: Record<string, Column>): RowDecoder {
  let decoder = decoders.get(columns);
  if (decoder) return decoder;
  const entries = Object.entries(columns);
  decoder = (row) => {
    const decoded: Record<string, unknown> = {};
    for (let i = 0; i < entries.length; i++) {
      const [key, column] = entries[i] as [string, Column];
      const value = row[i];
      decoded[key] = value === null ? null : column.mapFromDriverValue(value);
    }
    return decoded;
  };
  decoders.set(columns, decoder);
  return decoder;
}
