import fs from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  describeLocation,
  parseDatabaseLocation,
  type DatabaseLocation,
} from '../config/database-location';
import { APP_STDIO_FLAG } from './claude-desktop-command';
import { isRecord } from './config-document';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** A word that starts the CLI: its bin script or command (`taskdesk`, `.../bin/taskdesk.js`) or its npm name (`taskdesk@0.1.0`). */
const TASKDESK_WORD = /^taskdesk(?:@\S+|\.m?js|\.cmd|\.exe)?$/i;

function sameLocation(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return path.resolve(a.path) === path.resolve(b.path);
  if (a.kind === 'postgres' && b.kind === 'postgres') return new URL(a.url).href === new URL(b.url).href;
  return false;
}

/** The database an entry's command names: after --db, or in env as TASKDESK_DB. */
function databaseOf(args: string[], env: unknown): string | undefined {
  const flag = args.indexOf('--db');
  if (flag !== -1) return args[flag + 1];
  const fromEnv = isRecord(env) ? env.TASKDESK_DB : undefined;
  return typeof fromEnv === 'string' ? fromEnv : undefined;
}

/**
 * What is wrong with a stdio entry, as a person can act on it and without
 * quoting its arguments (they may hold a token or a password). TaskDesk
 * writes two forms, and either is right when it names TaskDesk's database:
 * the desktop app's `<app> --stdio` and the CLI's `<node> <bin> stdio` (or
 * `npx taskdesk@<version> stdio`).
 */
export function stdioEntryProblems(entry: unknown, expected: DatabaseLocation): string[] {
  const command = isRecord(entry) && typeof entry.command === 'string' ? entry.command : undefined;
  if (!command) return ['its entry names no command'];
  const args = strings(isRecord(entry) ? entry.args : undefined);
  const subcommand = args.indexOf('stdio');
  const launcher = subcommand === -1 ? [] : [command, ...args.slice(0, subcommand)];
  const cliForm = launcher.some((word) => TASKDESK_WORD.test(baseName(word)));
  if (!args.includes(APP_STDIO_FLAG) && !cliForm) return [`it runs ${baseName(command)}, not TaskDesk’s stdio command`];

  const problems = [command, ...(cliForm ? launcher.slice(1) : [])]
    .filter((file) => path.isAbsolute(file) && !fs.existsSync(file))
    .map((file) => `its command ${file} does not exist`);
  const named = databaseOf(args, isRecord(entry) ? entry.env : undefined);
  if (!named) return [...problems, `it names no database; TaskDesk uses ${describeLocation(expected)}`];
  let used: DatabaseLocation;
  try {
    used = parseDatabaseLocation(named, path.sep);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [...problems, 'it names a database TaskDesk cannot read'];
  }
  if (!sameLocation(used, expected)) {
    problems.push(`it uses the database ${describeLocation(used)}, but TaskDesk uses ${describeLocation(expected)}`);
  }
  return problems;
}
