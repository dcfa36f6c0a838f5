import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_DESKTOP_SETTINGS, desktopSettings, type DesktopSettings } from '../../shared/desktop';
import { DEFAULT_SQLITE_FILE, type DatabaseLocation } from '../config/database-location';
import { UserFacingError } from '../errors';

export class SettingsFileError extends UserFacingError {}

export interface SettingsStore {
  /** The settings file, named in every message that tells the person what to edit. */
  readonly file: string;
  read: () => Promise<DesktopSettings>;
  write: (next: DesktopSettings) => Promise<void>;
  databaseLocation: (settings: DesktopSettings) => DatabaseLocation;
}

/** The desktop settings, as JSON in the app's user-data folder; no file means the defaults. */
export function createSettingsStore(userDataDir: string): SettingsStore {
  const file = path.join(userDataDir, 'settings.json');
  return {
    file,
    async read() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(DEFAULT_DESKTOP_SETTINGS);
        throw error;
      }
      return parseSettings(text, file);
    },
    async write(next) {
      const valid = desktopSettings.parse(next);
      await fs.mkdir(userDataDir, { recursive: true });
      // Written beside and renamed over: a crash mid-write leaves the old file whole, never half a file.
      // Owner-only, since a Postgres URL may carry a password.
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
      await fs.rename(temp, file);
    },
    databaseLocation(settings) {
      const { database } = settings;
      if (database.kind === 'postgres') return { kind: 'postgres', url: database.url };
      return { kind: 'sqlite', path: path.resolve(userDataDir, database.path ?? DEFAULT_SQLITE_FILE) };
    },
  };
}

function parseSettings(text: string, file: string): DesktopSettings {
  const wayOut = 'fix it, or delete it to start again from the default settings';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SettingsFileError(`the settings file ${file} is not valid JSON; ${wayOut}`);
  }
  const parsed = desktopSettings.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new SettingsFileError(
      `the settings file ${file} is not valid (${where}${issue?.message ?? 'unknown'}); ${wayOut}`,
    );
  }
  return parsed.data;
}
