import { isDeepStrictEqual } from 'node:util';
import { UserFacingError } from '../errors';

/** A value TaskDesk owns inside its entry, `path` below the entry: set to `value`, or removed when undefined. */
export interface FieldEdit {
  path: readonly string[];
  value: unknown;
}

/**
 * Edits one entry of a client's configuration file as text, so that every
 * other byte (comments, key order, formatting) stays as the person left it.
 * Each edit is checked by parsing both versions: if anything but the entry
 * would differ, nothing is written.
 */
export interface ConfigDocument {
  /** The parsed file; throws a one-line UnreadableConfigError for text that is not valid in its format. */
  parse(text: string): Record<string, unknown>;
  /** Sets the fields TaskDesk owns in the entry at `path` (creating it if need be), keeping the entry's other keys. */
  withFields(text: string, path: readonly string[], edits: readonly FieldEdit[]): string;
  withoutEntry(text: string, path: readonly string[]): string;
}

/** The file is not valid JSON or TOML: the person's to fix. */
export class UnreadableConfigError extends UserFacingError {
  override readonly name = 'UnreadableConfigError';
}

/** The file is valid, but TaskDesk's edit cannot be made without touching the person's own text. */
export class UneditableConfigError extends UserFacingError {
  override readonly name = 'UneditableConfigError';
  constructor(reason: string) {
    super(`cannot edit this layout: ${reason}`);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function valueAt(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/** A deep copy as plain data: parsers build their objects with different prototypes (smol-toml's have none). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

/** Equal as data. */
export const sameData = (a: unknown, b: unknown): boolean => isDeepStrictEqual(plain(a), plain(b));

/**
 * The entry with the edits applied: its other keys kept, a missing or
 * non-object step on an edit's path replaced by an object.
 */
export function applyEdits(entry: unknown, edits: readonly FieldEdit[]): Record<string, unknown> {
  const result = (isRecord(entry) ? plain(entry) : {}) as Record<string, unknown>;
  for (const { path, value } of edits) {
    let parent: Record<string, unknown> | undefined = result;
    for (const key of path.slice(0, -1)) {
      if (!isRecord(parent[key])) {
        if (value === undefined) {
          parent = undefined;
          break;
        }
        parent[key] = {};
      }
      parent = parent[key] as Record<string, unknown>;
    }
    const last = path.at(-1) ?? '';
    if (value === undefined) {
      if (parent) Reflect.deleteProperty(parent, last);
    } else if (parent) parent[last] = plain(value);
  }
  return result;
}

/** A deep copy of `data` without the value at `path`, for comparing everything else. */
function without(data: Record<string, unknown>, path: readonly string[]): unknown {
  const copy = plain(data) as Record<string, unknown>;
  const parent = valueAt(copy, path.slice(0, -1));
  if (isRecord(parent)) Reflect.deleteProperty(parent, path.at(-1) ?? '');
  // An emptied servers table the edit created counts as absent.
  const grandparent = valueAt(copy, path.slice(0, -2));
  const key = path.at(-2);
  if (isRecord(parent) && Object.keys(parent).length === 0 && isRecord(grandparent) && key !== undefined) {
    Reflect.deleteProperty(grandparent, key);
  }
  return copy;
}

/**
 * Refuses an edit that would change anything but the entry, or not leave the
 * entry as `entry` (undefined: removed). An edit that does not parse is
 * TaskDesk's failure, not the file's, and is reported as such.
 */
export function checkEdit(
  document: Pick<ConfigDocument, 'parse'>,
  before: string,
  after: string,
  path: readonly string[],
  entry: Record<string, unknown> | undefined,
): string {
  const old = document.parse(before);
  let updated: Record<string, unknown>;
  try {
    updated = document.parse(after);
  } catch {
    throw new UneditableConfigError(`the ${path.join('.')} entry cannot be written here without breaking the file`);
  }
  const entryAsAsked =
    entry === undefined ? valueAt(updated, path) === undefined : sameData(valueAt(updated, path), entry);
  if (!entryAsAsked || !sameData(without(old, path), without(updated, path))) {
    throw new UneditableConfigError(
      `the ${path.join('.')} entry cannot be changed without touching the rest of the file; edit it by hand`,
    );
  }
  return after;
}

/** Refuses a file whose table of servers is there but is no table, e.g. `"mcpServers": null`. */
export function checkServersTable(data: Record<string, unknown>, serversPath: readonly string[]): void {
  const servers = valueAt(data, serversPath);
  if (servers !== undefined && !isRecord(servers)) {
    const kind = servers === null ? 'null' : Array.isArray(servers) ? 'a list' : `a ${typeof servers}`;
    throw new UneditableConfigError(
      `${serversPath.join('.')} is ${kind}, not a table of servers; remove it or make it {} and try again`,
    );
  }
}

export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
