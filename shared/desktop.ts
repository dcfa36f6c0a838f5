/**
 * What the desktop app adds to the contract: its settings (kept in Electron's
 * user-data folder, edited in the UI through /api/desktop/*, applied by
 * restarting the server) and the small surface its preload script exposes.
 * These routes exist only when the server runs inside the desktop app.
 */
import { z } from 'zod';
import { API_PATHS } from './api';
import { hostNameRule } from './host-name';

export const DEFAULT_DESKTOP_PORT = 7410;

const postgresUrl = z
  .string({ error: 'the Postgres URL is required' })
  .trim()
  .max(2000, { error: 'the Postgres URL is too long' })
  .regex(/^postgres(ql)?:\/\//, { error: 'the Postgres URL must start with postgres:// or postgresql://' });

export const databaseSetting = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('sqlite'),
      /** Absent: taskdesk.db in the app's user-data folder. */
      path: z.string().trim().min(1).max(4096).optional(),
    }),
    z.strictObject({ kind: z.literal('postgres'), url: postgresUrl }),
  ],
  { error: "database.kind must be 'sqlite' or 'postgres'" },
);
export type DatabaseSetting = z.output<typeof databaseSetting>;

export const desktopSettings = z.strictObject({
  port: z
    .number({ error: 'port must be a number' })
    .int({ error: 'port must be a whole number' })
    .min(1024, { error: 'port must be 1024-65535 (lower ports need administrator rights)' })
    .max(65535, { error: 'port must be 1024-65535' }),
  database: databaseSetting,
  start_at_login: z.boolean({ error: 'start_at_login must be true or false' }),
  allowed_hosts: z.array(hostNameRule).max(20, { error: 'at most 20 extra allowed hosts' }),
});
export type DesktopSettings = z.output<typeof desktopSettings>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  port: DEFAULT_DESKTOP_PORT,
  database: { kind: 'sqlite' },
  start_at_login: false,
  allowed_hosts: [],
};

export const databaseTestInput = z.strictObject({ url: postgresUrl });

export const DESKTOP_ROUTES = {
  settings: API_PATHS.desktopSettings,
  testDatabase: API_PATHS.testDatabase,
} as const;

/** GET/PUT /api/desktop/settings answer with what is saved and whether the running server still uses older values. */
export interface DesktopSettingsState {
  settings: DesktopSettings;
  restart_pending: boolean;
}

/** The whole surface the preload script puts on `window.taskdesk` in the desktop app. */
export interface DesktopBridge {
  readonly appVersion: string;
  /** Opens an http(s) link in the system browser if its host is on the allow-list; resolves false otherwise. */
  openExternal: (url: string) => Promise<boolean>;
}

/** Hosts the desktop app will open in the system browser (documentation and the clients' own sites). */
export const EXTERNAL_LINK_HOSTS = [
  'modelcontextprotocol.io',
  'docs.anthropic.com',
  'docs.cursor.com',
  'code.visualstudio.com',
  'openai.github.io',
  'github.com',
] as const;
