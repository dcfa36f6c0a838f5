import type { BrowserWindow } from 'electron';
import { ListenError } from '../app/listen';
import { DatabaseUnavailableError } from '../db/database-errors';
import { SettingsFileError } from './settings-store';
import { ForeignServerError } from './verify-server';

const RETRY = 'Then choose "Open TaskDesk" in the TaskDesk menu (the tray icon) to try again.';

/** What went wrong, in the error's own words, and what the person can do about it. */
export function describeStartupFailure(
  error: unknown,
  settingsFile: string,
  logFile?: string,
): { message: string; wayOut: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ListenError || error instanceof ForeignServerError) {
    return {
      message,
      wayOut: `Quit the other program using that port, or change "port" in the settings file at ${settingsFile} (any free port from 1024 to 65535).`,
    };
  }
  if (error instanceof DatabaseUnavailableError || /migrat/i.test(message)) {
    return {
      message,
      wayOut: `Check that the database is running and reachable, or change "database" in the settings file at ${settingsFile}. Deleting that file goes back to the built-in SQLite database.`,
    };
  }
  if (error instanceof SettingsFileError)
    return { message, wayOut: `Fix or delete the settings file at ${settingsFile}.` };
  return {
    message,
    wayOut: `This was not expected; the details are in TaskDesk's log${logFile ? ` at ${logFile}` : ''}. Quit TaskDesk and start it again.`,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A start-up failure is never a blank window or a silent exit: the window shows
 * the exact message and the way out. The page is a data: URL with every piece of
 * text escaped, no script allowed, and no origin the IPC handlers would answer.
 */
export async function showErrorScreen(
  window: BrowserWindow,
  error: unknown,
  settingsFile: string,
  logFile?: string,
): Promise<void> {
  const { message, wayOut } = describeStartupFailure(error, settingsFile, logFile);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>TaskDesk could not start</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:42rem;padding:0 1.5rem;color:#1f2328}
code{display:block;white-space:pre-wrap;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;user-select:text}</style>
</head><body><h1>TaskDesk could not start its server</h1>
<code>${escapeHtml(message)}</code><p>${escapeHtml(wayOut)}</p><p>${escapeHtml(RETRY)}</p></body></html>`;
  await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  window.show();
}
