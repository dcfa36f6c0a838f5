import { isRecord, UneditableConfigError } from './config-document';

export const tomlKey = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));

/** A value in TOML's inline form; JSON's string escapes are valid TOML basic strings. */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isRecord(value) && !(value instanceof Date)) {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${tomlKey(key)} = ${tomlValue(item)}`)
      .join(', ')} }`;
  }
  throw new UneditableConfigError(`TaskDesk cannot write a ${typeof value} value back in TOML's inline form`);
}

/** The entry as one table, nested values inline, as Codex's own documentation writes them. */
export function tomlTable(path: readonly string[], entry: Record<string, unknown>): string[] {
  const lines = Object.entries(entry).map(([key, value]) => `${tomlKey(key)} = ${tomlValue(value)}`);
  return [`[${path.map(tomlKey).join('.')}]`, ...lines];
}
