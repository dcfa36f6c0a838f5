import type { IncomingMessage } from 'node:http';

/**
 * The token from `Authorization: Bearer <token>`, and only from there: never
 * from the query string (URLs end up in logs and history) or a cookie (which a
 * browser would attach to a forged cross-site request).
 */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
