import type { BrowserWindow } from 'electron';
import type { RunningServer } from '../app/start-server';

/**
 * Signs the window in without a code in any URL: the session cookie is set
 * on the window's own session before the UI is loaded, so nothing that could
 * sign someone in ever appears in an address bar, a history entry or a log.
 * The cookie has no expiry: it lives only as long as this app runs.
 */
export async function loadSignedIn(window: BrowserWindow, server: RunningServer, origin: string): Promise<void> {
  const { name, value } = server.createSession();
  await window.webContents.session.cookies.set({
    url: origin,
    name,
    value,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
  });
  await window.loadURL(`${origin}/`);
}
