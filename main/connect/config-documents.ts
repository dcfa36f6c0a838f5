import { isDeepStrictEqual } from 'node:util';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import { UserFacingError } from '../errors';

/**
 * Edits one entry of a client's configuration file as text, so that every
 * other byte (comments, key order, formatting) stays as the person left it.
 * Each edit is checked by parsing both versions: if anything but the entry
 * would differ, nothing is written.
 */
export interface ConfigDocument {
  /** The parsed file; throws a one-line UserFacingError for text that is not valid in its format. */
  parse(text: string): Record<string, unknown>;
  withEntry(text: string, path: readonly string[], entry: Record<string, unknown>): string;
  withoutEntry(text: string, path: readonly string[]): string;
}

export class UnreadableConfigError extends UserFacingError {
  override readonly name = 'UnreadableConfigError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function valueAt(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/** A deep copy of `data` without the value at `path`, for comparing everything else. */
function without(data: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const parent = valueAt(copy, path.slice(0, -1));
  const last = path.at(-1);
  if (isRecord(parent) && last !== undefined) Reflect.deleteProperty(parent, last);
  // An emptied servers table the edit created counts as absent.
  const servers = valueAt(copy, path.slice(0, -1));
  if (isRecord(servers) && Object.keys(servers).length === 0 && path.length > 1) {
    const grandparent = valueAt(copy, path.slice(0, -2));
    const key = path.at(-2);
    if (isRecord(grandparent) && key !== undefined) Reflect.deleteProperty(grandparent, key);
  }
  return copy;
}

/** Equal as data: parsers build their objects with different prototypes (smol-toml's have none). */
const sameData = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

/** Refuses an edit that would change anything but the entry, or not set the entry as asked. */
function checkEdit(
  document: ConfigDocument,
  before: string,
  after: string,
  path: readonly string[],
  entry: Record<string, unknown> | undefined,
): string {
  const old = document.parse(before);
  const updated = document.parse(after);
  const entryAsAsked =
    entry === undefined ? valueAt(updated, path) === undefined : sameData(valueAt(updated, path), entry);
  if (!entryAsAsked || !sameData(without(old, path), without(updated, path))) {
    throw new UnreadableConfigError(
      `cannot change the ${path.join('.')} entry without touching the rest of the file; edit it by hand`,
    );
  }
  return after;
}

function indentUnit(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The whitespace a line starts with, for the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** `value` as JSON in the file's own indentation, its first line at the cursor and the rest under `indent`. */
function jsonAt(value: unknown, unit: string, indent: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);
}

const splice = (text: string, start: number, end: number, insert: string) =>
  `${text.slice(0, start)}${insert}${text.slice(end)}`;

/**
 * Sets or removes the property at `path` by editing only its own text (and
 * one neighbouring comma): jsonc-parser's formatter would reformat the
 * sibling properties on the same lines too.
 */
function editJson(text: string, path: readonly string[], value: Record<string, unknown> | undefined): string {
  const root = parseTree(text);
  if (root?.type !== 'object') throw new UnreadableConfigError('does not hold a JSON object at the top');
  const unit = indentUnit(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const existing = findNodeAtLocation(root, [...path]);
  const property = existing?.parent;
  if (value === undefined) {
    if (!existing || !property?.parent) return text;
    const siblings = property.parent.children ?? [];
    const index = siblings.indexOf(property);
    const previous = siblings[index - 1];
    const next = siblings[index + 1];
    if (previous) return splice(text, previous.offset + previous.length, property.offset + property.length, '');
    if (next) return splice(text, property.offset, next.offset, '');
    const container = property.parent;
    return splice(text, container.offset + 1, container.offset + container.length - 1, '');
  }
  if (existing) {
    return splice(
      text,
      existing.offset,
      existing.offset + existing.length,
      jsonAt(value, unit, indentAt(text, property?.offset ?? existing.offset), eol),
    );
  }
  // Walk down to the deepest object that exists, then add the rest of the path inside it.
  let container = root;
  let depth = 0;
  for (; depth < path.length - 1; depth++) {
    const child = findNodeAtLocation(container, [path[depth] ?? '']);
    if (child?.type !== 'object') break;
    container = child;
  }
  const missing = path.slice(depth);
  const nested = missing.slice(1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const members = container.children ?? [];
  const last = members.at(-1);
  const memberIndent = last ? indentAt(text, last.offset) : `${indentAt(text, container.offset)}${unit}`;
  const member = `${JSON.stringify(missing[0])}: ${jsonAt(nested, unit, memberIndent, eol)}`;
  if (last)
    return splice(text, last.offset + last.length, last.offset + last.length, `,${eol}${memberIndent}${member}`);
  const closing = container.offset + container.length - 1;
  return splice(
    text,
    container.offset + 1,
    closing,
    `${eol}${memberIndent}${member}${eol}${indentAt(text, container.offset)}`,
  );
}

/** JSON as the clients read it; comments and trailing commas are kept where a file has them (VS Code allows both). */
export const jsonDocument: ConfigDocument = {
  parse(text) {
    if (text.trim() === '') return {};
    const errors: ParseError[] = [];
    const data: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    const first = errors[0];
    if (first) {
      throw new UnreadableConfigError(
        `is not valid JSON (${printParseErrorCode(first.error)} at line ${lineOf(text, first.offset)})`,
      );
    }
    if (!isRecord(data)) throw new UnreadableConfigError('does not hold a JSON object at the top');
    return data;
  },
  withEntry(text, path, entry) {
    const base = text.trim() === '' ? '{}\n' : text;
    jsonDocument.parse(base);
    return checkEdit(jsonDocument, base, editJson(base, path, entry), path, entry);
  },
  withoutEntry(text, path) {
    if (valueAt(jsonDocument.parse(text), path) === undefined) return text;
    return checkEdit(jsonDocument, text, editJson(text, path, undefined), path, undefined);
  },
};

const TABLE_HEADER = /^[ \t]*\[/;

/** Lines [start, end) of the tables `[a.b]` and `[a.b.*]` that define the entry at `path`. */
function tomlTableRanges(lines: string[], path: readonly string[]): [number, number][] {
  const key = (part: string) => `(?:${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|"${part}"|'${part}')`;
  const header = new RegExp(
    `^[ \\t]*\\[[ \\t]*${path.map(key).join('[ \\t]*\\.[ \\t]*')}[ \\t]*(?:\\.[^\\]]*)?\\][ \\t]*(?:#.*)?$`,
  );
  const ranges: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!header.test(lines[i] ?? '')) continue;
    let end = i + 1;
    while (end < lines.length && !TABLE_HEADER.test(lines[end] ?? '')) end++;
    // Blank lines and comments just before the next table belong to it.
    while (end > i + 1 && /^[ \t]*(#.*)?$/.test(lines[end - 1] ?? '')) end--;
    ranges.push([i, end]);
    i = end - 1;
  }
  return ranges;
}

/** TOML as Codex reads it. The entry is its own `[mcp_servers.taskdesk]` table, edited in place. */
export const tomlDocument: ConfigDocument = {
  parse(text) {
    try {
      return parseToml(text);
    } catch (error) {
      const where = error instanceof TomlError ? ` at line ${error.line}` : '';
      throw new UnreadableConfigError(`is not valid TOML${where}`);
    }
  },
  withEntry(text, path, entry) {
    tomlDocument.parse(text);
    const block = tomlTable(path, entry);
    const lines = text.split(/\r?\n/);
    const ranges = tomlTableRanges(lines, path);
    const first = ranges[0];
    let updated: string;
    if (first) {
      const kept = lines.filter((_, index) => !ranges.some(([start, end]) => index >= start && index < end));
      // Lines before the first range are all kept, so it starts at the same index.
      kept.splice(first[0], 0, block);
      updated = kept.join('\n');
    } else {
      updated = `${text.replace(/\s*$/, '')}${text.trim() === '' ? '' : '\n\n'}${block}\n`;
    }
    return checkEdit(tomlDocument, text, updated, path, entry);
  },
  withoutEntry(text, path) {
    if (valueAt(tomlDocument.parse(text), path) === undefined) return text;
    const lines = text.split(/\r?\n/);
    const ranges = tomlTableRanges(lines, path);
    const kept = lines.filter((_, index) => !ranges.some(([start, end]) => index >= start && index < end));
    return checkEdit(tomlDocument, text, kept.join('\n').replace(/\n{3,}/g, '\n\n'), path, undefined);
  },
};

const tomlKey = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));

/** A value in TOML's inline form; JSON's string escapes are valid TOML basic strings. */
function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isRecord(value)) {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${tomlKey(key)} = ${tomlValue(item)}`)
      .join(', ')} }`;
  }
  throw new Error(`no TOML form for ${typeof value}`);
}

/** The entry as one table, nested values inline, as Codex's own documentation writes them. */
function tomlTable(path: readonly string[], entry: Record<string, unknown>): string {
  const lines = Object.entries(entry).map(([key, value]) => `${tomlKey(key)} = ${tomlValue(value)}`);
  return [`[${path.map(tomlKey).join('.')}]`, ...lines].join('\n');
}

export function documentFor(format: 'json' | 'toml'): ConfigDocument {
  return format === 'json' ? jsonDocument : tomlDocument;
}
