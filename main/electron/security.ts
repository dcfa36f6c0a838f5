import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { EXTERNAL_LINK_HOSTS } from '../../shared/desktop';
import { APP_VERSION_ARGUMENT } from './ipc-channels';

/** The Electron security checklist for the one window; the e2e tests read these back from webPreferences. */
export function secureWebPreferences(preload: string, appVersion: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Static and not secret, so it travels as an argument rather than over IPC (see preload.ts).
    additionalArguments: [`${APP_VERSION_ARGUMENT}${appVersion}`],
  };
}

const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(EXTERNAL_LINK_HOSTS);

/** The origin of a URL, or undefined for anything unparsable (which then matches no origin). */
export function originOfUrl(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Opens an http(s) link in the system browser only if its host is on the allow-list. */
export async function openExternalIfAllowed(url: string): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  if (!web || parsed.username || parsed.password || !EXTERNAL_HOSTS.has(parsed.hostname)) return false;
  await shell.openExternal(parsed.href);
  return true;
}

/**
 * The window shows the server's UI and nothing else: navigation to any other
 * origin, redirects away, new windows and <webview> are all refused. A link
 * meant for a new window opens in the system browser if it is allow-listed.
 */
export function confineToOrigin(contents: WebContents, appOrigin: () => string | undefined): void {
  const foreign = (url: string) => {
    const origin = originOfUrl(url);
    return origin === undefined || origin !== appOrigin();
  };
  contents.on('will-navigate', (event) => foreign(event.url) && event.preventDefault());
  contents.on('will-frame-navigate', (event) => foreign(event.url) && event.preventDefault());
  contents.on('will-redirect', (event) => foreign(event.url) && event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/**
 * Every permission request is refused (camera, notifications, geolocation...),
 * except writing text to the clipboard from the app's own origin: the UI's
 * Copy buttons (MCP URL, agent snippets) need it. Reading the clipboard stays refused.
 */
export function denyPermissions(session: Session, appOrigin: () => string | undefined): void {
  const allowed = (permission: string, origin: string) =>
    permission === 'clipboard-sanitized-write' && originOfUrl(origin) === appOrigin();
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
}
