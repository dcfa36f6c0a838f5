import { z } from 'zod';
import { ConfigError } from './database-location';

/**
 * The one module that reads the process environment. Everything TaskDesk
 * takes from it is parsed here, once, at start-up, and handed on as a frozen
 * value; no other module reads process.env and none writes it. (The one
 * exception runs before any module loads: bin/taskdesk.js reads
 * TASKDESK_V8_DEFAULTS for app/heap-limits.ts.)
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Unset and blank are the same: `TASKDESK_DB= taskdesk serve` means the default.
const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/** A whole number within bounds, written as digits only; `rule` is how the error names what is wanted. */
const wholeNumber = (min: number, max: number, rule: string) =>
  text.pipe(
    z
      .string()
      .regex(/^\d+$/, rule)
      .transform(Number)
      .refine((value) => value >= min && value <= max, rule)
      .optional(),
  );

export const PORT_RULE = 'a whole number from 0 to 65535';
export const RETENTION_RULE = 'a whole number of at least 1';

const environmentSchema = z.object({
  TASKDESK_DB: text,
  DATABASE_URL: text,
  TASKDESK_DATA_DIR: text,
  TASKDESK_PORT: wholeNumber(0, 65535, PORT_RULE),
  TASKDESK_LOG_RETENTION: wholeNumber(1, Number.MAX_SAFE_INTEGER, RETENTION_RULE),
  TASKDESK_LOG_LEVEL: text.pipe(z.enum(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`).default('info')),
  TASKDESK_USER_DATA_DIR: text,
  TASKDESK_APP: text,
  APPIMAGE: text,
  APPDATA: text,
  XDG_CONFIG_HOME: text,
  CODEX_HOME: text,
  PATH: text,
});

export interface Environment {
  /** TASKDESK_DB, else the conventional DATABASE_URL. */
  readonly database: string | undefined;
  readonly dataDir: string | undefined;
  readonly port: number | undefined;
  readonly logRetention: number | undefined;
  readonly logLevel: LogLevel;
  /** The desktop app's settings and default database elsewhere (the e2e tests give each app its own). */
  readonly userDataDir: string | undefined;
  /** An AppImage runs from a mount that disappears when it quits; this names the file that stays. */
  readonly appImage: string | undefined;
  /** Where agents' clients keep their configuration files, as this user's environment says. */
  readonly clientFolders: {
    readonly appData: string | undefined;
    readonly xdgConfigHome: string | undefined;
    readonly codexHome: string | undefined;
    readonly path: string | undefined;
    /** The installed TaskDesk app, when it is not where installers put it. */
    readonly taskdeskApp: string | undefined;
  };
}

/** Parses `source` (the process environment unless a test gives its own); a bad value names its variable. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'a variable');
    throw new ConfigError(`${name} must be ${issue?.message ?? 'valid'}; got "${source[name]?.trim() ?? ''}"`);
  }
  const env = parsed.data;
  return Object.freeze({
    database: env.TASKDESK_DB ?? env.DATABASE_URL,
    dataDir: env.TASKDESK_DATA_DIR,
    port: env.TASKDESK_PORT,
    logRetention: env.TASKDESK_LOG_RETENTION,
    logLevel: env.TASKDESK_LOG_LEVEL,
    userDataDir: env.TASKDESK_USER_DATA_DIR,
    appImage: env.APPIMAGE,
    clientFolders: Object.freeze({
      appData: env.APPDATA,
      xdgConfigHome: env.XDG_CONFIG_HOME,
      codexHome: env.CODEX_HOME,
      path: env.PATH,
      taskdeskApp: env.TASKDESK_APP,
    }),
  });
}
