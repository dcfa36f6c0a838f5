import { sql, type SQL } from 'drizzle-orm';
import type { TableSpec } from './spec';

interface IndexBuilder<C, I> {
  on(...columns: [C, ...C[]]): { where(condition: SQL): I } & I;
}

interface DialectBuilders<C, I, K> {
  index: (name: string) => IndexBuilder<C, I>;
  uniqueIndex: (name: string) => IndexBuilder<C, I>;
  check: (name: string, condition: SQL) => K;
}

/**
 * Builds a table's indexes and CHECK constraints from its spec with the given
 * dialect's builders, so both dialects get the same names, columns and
 * predicates from the one definition.
 */
export function buildConstraints<C, I, K>(
  spec: TableSpec,
  columns: Record<string, NoInfer<C> & { name: string }>,
  builders: DialectBuilders<C, I, K>,
): (I | K)[] {
  const byName = new Map<string, C>(Object.values(columns).map((column) => [column.name, column]));
  const column = (name: string): C => {
    const found = byName.get(name);
    if (!found) throw new Error(`index in ${spec.name} names unknown column ${name}`);
    return found;
  };
  const indexes = spec.indexes.map((index) => {
    const [first, ...rest] = index.columns.map(column);
    if (!first) throw new Error(`index ${index.name} has no columns`);
    const built = (index.unique ? builders.uniqueIndex : builders.index)(index.name).on(first, ...rest);
    return index.where ? built.where(sql.raw(index.where)) : built;
  });
  const checks = Object.entries(spec.checks).map(([name, condition]) => builders.check(name, sql.raw(condition)));
  return [...indexes, ...checks];
}
