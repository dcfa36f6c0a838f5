import { parse as parseToml, TomlError } from 'smol-toml';
import {
  applyEdits,
  checkEdit,
  checkServersTable,
  isRecord,
  UneditableConfigError,
  UnreadableConfigError,
  valueAt,
  type ConfigDocument,
} from './config-document';
import { tomlKey, tomlTable, tomlValue } from './toml-values';

const TABLE_HEADER = /^[ \t]*\[/;
const BLANK_OR_COMMENT = /^[ \t]*(#.*)?$/;

const escape = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A key as TOML may spell it: bare, "quoted" or 'literal'. */
const keyPattern = (part: string) => `(?:${escape(part)}|"${escape(part)}"|'${escape(part)}')`;
const dotted = (path: readonly string[]) => path.map(keyPattern).join('[ \\t]*\\.[ \\t]*');

type Range = [start: number, end: number];

/** Lines [start, end) of the tables `[path]` (and, with `subTables`, `[path.*]`), comments before the next table left out. */
function tableRanges(lines: string[], path: readonly string[], subTables: boolean): Range[] {
  const header = new RegExp(
    `^[ \\t]*\\[[ \\t]*${dotted(path)}[ \\t]*${subTables ? '(?:\\.[^\\]]*)?' : ''}\\][ \\t]*(?:#.*)?$`,
  );
  const ranges: Range[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!header.test(lines[i] ?? '')) continue;
    let end = i + 1;
    while (end < lines.length && !TABLE_HEADER.test(lines[end] ?? '')) end++;
    // Blank lines and comments just before the next table belong to it.
    while (end > i + 1 && BLANK_OR_COMMENT.test(lines[end - 1] ?? '')) end--;
    ranges.push([i, end]);
    i = end - 1;
  }
  return ranges;
}

/** The line in `range` that sets the (possibly dotted) key `path`. */
function keyLine(lines: string[], [start, end]: Range, path: readonly string[]): number | undefined {
  const pattern = new RegExp(`^[ \\t]*${dotted(path)}[ \\t]*=`);
  for (let i = start + 1; i < end; i++) if (pattern.test(lines[i] ?? '')) return i;
  return undefined;
}

/** A `key = value # comment` line cut into the text before the value, the value, and what follows it. */
function splitLine(line: string): { head: string; value: unknown; tail: string } {
  const equals = line.indexOf('=');
  const rest = line.slice(equals + 1);
  const cuts = [...rest.matchAll(/#/g)].map((match) => match.index).concat(rest.length);
  for (const cut of cuts) {
    const candidate = rest.slice(0, cut);
    try {
      const { v } = parseToml(`v = ${candidate}`);
      const lead = /^\s*/.exec(candidate)?.[0] ?? '';
      const trimmed = candidate.trimEnd();
      return {
        head: line.slice(0, equals + 1) + lead,
        value: v,
        tail: candidate.slice(trimmed.length) + rest.slice(cut),
      };
    } catch {
      // Not yet the whole value: the # was inside it.
    }
  }
  throw new UneditableConfigError(`the value on "${line.slice(0, equals).trim()} =" spans several lines`);
}

/** Sets (or removes) `key` below the table `table`, in place: a key line, an inline table, a sub-table or a new line. */
function setInTable(lines: string[], table: readonly string[], key: readonly string[], value: unknown): void {
  const range = tableRanges(lines, table, false)[0];
  if (!range) throw new UneditableConfigError(`[${table.join('.')}] is not written as one table`);
  for (let depth = key.length; depth >= 1; depth--) {
    const index = keyLine(lines, range, key.slice(0, depth));
    if (index === undefined) continue;
    const { head, value: old, tail } = splitLine(lines[index] ?? '');
    if (depth === key.length && value === undefined) {
      lines.splice(index, 1);
      return;
    }
    if (depth < key.length && !isRecord(old)) continue;
    const updated = depth === key.length ? value : applyEdits(old, [{ path: key.slice(depth), value }]);
    lines[index] = `${head}${tomlValue(updated)}${tail}`;
    return;
  }
  for (let depth = key.length - 1; depth >= 1; depth--) {
    const sub = [...table, ...key.slice(0, depth)];
    if (tableRanges(lines, sub, false).length) {
      setInTable(lines, sub, key.slice(depth), value);
      return;
    }
  }
  if (value === undefined) return;
  const inner = key.slice(1).reduceRight<unknown>((nested, part) => ({ [part]: nested }), value);
  lines.splice(range[1], 0, `${tomlKey(key[0] ?? '')} = ${tomlValue(inner)}`);
}

const INLINE_ENTRY = (path: readonly string[]) =>
  `the ${path.join('.')} entry is written inline or with dotted keys, not as its own [${path.join('.')}] table; ` +
  'rewrite it as a table or remove it, then try again';

/** TOML as Codex reads it. The entry is its own `[mcp_servers.taskdesk]` table, edited line by line. */
export const tomlDocument: ConfigDocument = {
  parse(text) {
    try {
      return parseToml(text);
    } catch (error) {
      const where = error instanceof TomlError ? ` at line ${error.line}` : '';
      throw new UnreadableConfigError(`is not valid TOML${where}`);
    }
  },
  withFields(text, path, edits) {
    const data = tomlDocument.parse(text);
    checkServersTable(data, path.slice(0, -1));
    const existing = valueAt(data, path);
    const entry = applyEdits(existing, edits);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    let updated: string;
    if (existing === undefined) {
      const block = tomlTable(path, entry).join(eol);
      updated = `${text.replace(/\s*$/, '')}${text.trim() === '' ? '' : `${eol}${eol}`}${block}${eol}`;
    } else {
      const lines = text.split(/\r?\n/);
      if (!tableRanges(lines, path, false).length) throw new UneditableConfigError(INLINE_ENTRY(path));
      for (const edit of edits) setInTable(lines, path, edit.path, edit.value);
      updated = lines.join(eol);
    }
    return checkEdit(tomlDocument, text, updated, path, entry);
  },
  withoutEntry(text, path) {
    if (valueAt(tomlDocument.parse(text), path) === undefined) return text;
    const lines = text.split(/\r?\n/);
    const ranges = tableRanges(lines, path, true);
    if (!ranges.length) throw new UneditableConfigError(INLINE_ENTRY(path));
    const kept = lines.filter((_, index) => !ranges.some(([start, end]) => index >= start && index < end));
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const joined = kept.join(eol).replace(new RegExp(`(?:${eol}){3,}`, 'g'), `${eol}${eol}`);
    return checkEdit(tomlDocument, text, joined, path, undefined);
  },
};
