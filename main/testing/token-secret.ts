/**
 * The secret part of a token (tdk_<12-character id>_<secret>), for asserting
 * it appears nowhere. Taken by position: the secret is base64url and may
 * itself contain underscores.
 */
export function secretOf(token: string): string {
  const secret = token.slice('tdk_'.length + 12 + 1);
  if (secret.length !== 43) throw new Error(`not a TaskDesk token: ${token.slice(0, 8)}…`);
  return secret;
}
