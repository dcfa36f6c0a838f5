import {
  findNodeAtLocation,
  getNodeValue,
  parse,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import {
  applyEdits,
  checkEdit,
  checkServersTable,
  isRecord,
  lineOf,
  sameData,
  UnreadableConfigError,
  valueAt,
  type ConfigDocument,
} from './config-document';

function indentUnit(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
}

/** The whitespace a line starts with, for the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** `value` as JSON in the file's own indentation, its first line at the cursor and the rest under `indent`. */
function jsonAt(text: string, value: unknown, indent: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(value, null, indentUnit(text)).split('\n').join(`${eol}${indent}`);
}

const splice = (text: string, start: number, end: number, insert: string) =>
  `${text.slice(0, start)}${insert}${text.slice(end)}`;

const nested = (path: readonly string[], value: unknown): unknown =>
  path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

/** Removes one property and one neighbouring comma. */
function removeProperty(text: string, property: Node): string {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  if (previous) return splice(text, previous.offset + previous.length, property.offset + property.length, '');
  if (next) return splice(text, property.offset, next.offset, '');
  const container = property.parent as Node;
  return splice(text, container.offset + 1, container.offset + container.length - 1, '');
}

/** Adds `"key": value` as the last member of an object node. */
function addMember(text: string, container: Node, key: string, value: unknown): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const last = container.children?.at(-1);
  const indent = last ? indentAt(text, last.offset) : `${indentAt(text, container.offset)}${indentUnit(text)}`;
  const member = `${JSON.stringify(key)}: ${jsonAt(text, value, indent)}`;
  if (last) return splice(text, last.offset + last.length, last.offset + last.length, `,${eol}${indent}${member}`);
  const closing = container.offset + container.length - 1;
  return splice(
    text,
    container.offset + 1,
    closing,
    `${eol}${indent}${member}${eol}${indentAt(text, container.offset)}`,
  );
}

/**
 * Sets or removes the value at `path` by editing only its own text (and one
 * neighbouring comma): jsonc-parser's formatter would reformat the sibling
 * properties on the same lines too. A step on the path that is missing is
 * added; one that is there but no object is replaced.
 */
function setJson(text: string, path: readonly string[], value: unknown): string {
  let node = parseTree(text) as Node;
  let depth = 0;
  for (; depth < path.length && node.type === 'object'; depth++) {
    const child = findNodeAtLocation(node, [path[depth] ?? '']);
    if (!child) break;
    node = child;
  }
  if (value === undefined) return depth === path.length && node.parent ? removeProperty(text, node.parent) : text;
  if (depth === path.length && sameData(getNodeValue(node), value)) return text;
  if (depth === path.length || node.type !== 'object') {
    const replacement = nested(path.slice(depth), value);
    return splice(text, node.offset, node.offset + node.length, jsonAt(text, replacement, indentAt(text, node.offset)));
  }
  return addMember(text, node, path[depth] ?? '', nested(path.slice(depth + 1), value));
}

const BLANK = /^\s*$/;

/** JSON as the clients read it; comments and trailing commas are kept where a file has them (VS Code allows both). */
export const jsonDocument: ConfigDocument = {
  parse(text) {
    if (BLANK.test(text)) return {};
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
  withFields(text, path, edits) {
    const base = BLANK.test(text) ? '{}\n' : text;
    const data = jsonDocument.parse(base);
    checkServersTable(data, path.slice(0, -1));
    const existing = valueAt(data, path);
    const entry = applyEdits(existing, edits);
    const after = isRecord(existing)
      ? edits.reduce((current, edit) => setJson(current, [...path, ...edit.path], edit.value), base)
      : setJson(base, path, entry);
    return checkEdit(jsonDocument, base, after, path, entry);
  },
  withoutEntry(text, path) {
    if (valueAt(jsonDocument.parse(text), path) === undefined) return text;
    return checkEdit(jsonDocument, text, setJson(text, path, undefined), path, undefined);
  },
};
