import type { IncomingMessage } from 'node:http';

/**
 * Cookies are scoped by host, not port: two servers on one machine would
 * overwrite each other's session under one name, so the port is in the name.
 */
export const sessionCookieName = (port: number) => `taskdesk_session_${port}`;

/** HttpOnly keeps it from page scripts; SameSite=Strict keeps other sites' pages from sending it. */
export function sessionCookie(port: number, sessionId: string): string {
  return `${sessionCookieName(port)}=${sessionId}; Path=/; HttpOnly; SameSite=Strict`;
}

export function clearedSessionCookie(port: number): string {
  return `${sessionCookieName(port)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export function sessionIdFrom(req: IncomingMessage, port: number): string | undefined {
  const name = `${sessionCookieName(port)}=`;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(name)) return trimmed.slice(name.length) || undefined;
  }
  return undefined;
}
