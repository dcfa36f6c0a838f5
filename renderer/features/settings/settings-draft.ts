import { desktopSettings, type DesktopSettings } from '../../../shared/desktop';

/** The form as typed: text stays text until the shared schema has judged it. */
export interface SettingsDraft {
  port: string;
  databaseKind: 'sqlite' | 'postgres';
  sqlitePath: string;
  postgresUrl: string;
  startAtLogin: boolean;
  allowedHosts: string[];
}

export type SettingsField = keyof DesktopSettings;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export function draftOf(settings: DesktopSettings): SettingsDraft {
  const { database } = settings;
  return {
    port: String(settings.port),
    databaseKind: database.kind,
    sqlitePath: database.kind === 'sqlite' ? (database.path ?? '') : '',
    postgresUrl: database.kind === 'postgres' ? database.url : '',
    startAtLogin: settings.start_at_login,
    allowedHosts: [...settings.allowed_hosts],
  };
}

/** What the form would send. An empty SQLite path is left out: the app then uses taskdesk.db in its data folder. */
export function settingsInput(draft: SettingsDraft): unknown {
  const port = draft.port.trim();
  const path = draft.sqlitePath.trim();
  return {
    port: port === '' ? undefined : Number(port),
    database:
      draft.databaseKind === 'postgres'
        ? { kind: 'postgres', url: draft.postgresUrl }
        : path === ''
          ? { kind: 'sqlite' }
          : { kind: 'sqlite', path },
    start_at_login: draft.startAtLogin,
    allowed_hosts: draft.allowedHosts,
  };
}

/**
 * Judges the draft with the same schema the server uses, so a person reads
 * exactly the message the server would answer with, before anything is sent.
 */
export function checkSettings(
  draft: SettingsDraft,
): { ok: true; value: DesktopSettings } | { ok: false; errors: FieldErrors } {
  const parsed = desktopSettings.safeParse(settingsInput(draft));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SettingsField;
    const known = errors[field];
    if (known === undefined) errors[field] = issue.message;
    else if (!known.split('; ').includes(issue.message)) errors[field] = `${known}; ${issue.message}`;
  }
  return { ok: false, errors };
}
