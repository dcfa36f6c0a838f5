import path from 'node:path';
import envPaths from 'env-paths';

/**
 * Where TaskDesk keeps its files unless told otherwise: the platform's usual
 * per-user data folder (~/.local/share/taskdesk on Linux, ~/Library/Application
 * Support/taskdesk on macOS, %LOCALAPPDATA%\taskdesk\Data on Windows).
 */
export function resolveDataDir(explicit: string | undefined): string {
  const chosen = explicit?.trim() || process.env.TASKDESK_DATA_DIR?.trim();
  if (chosen) return path.resolve(chosen);
  return envPaths('taskdesk', { suffix: '' }).data;
}

/** `--db` wins over TASKDESK_DB, which wins over the conventional DATABASE_URL. */
export function chooseDatabaseSetting(explicit: string | undefined): string | undefined {
  return explicit?.trim() || process.env.TASKDESK_DB?.trim() || process.env.DATABASE_URL?.trim() || undefined;
}
