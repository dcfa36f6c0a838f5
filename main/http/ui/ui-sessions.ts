import { createHash, randomBytes } from 'node:crypto';

/** A browser's sign-in, kept in memory: a restart asks for the new printed link. */
export interface UiSession {
  /** A stable handle for this session that is not its secret (the digest). */
  key: string;
  userId: string;
  createdAt: number;
}

// Login links go unused when people close the tab; old ones stop working.
const LOGIN_CODE_TTL_MS = 24 * 60 * 60 * 1000;
// Bounds memory however many links or browsers come and go; the oldest go first.
const MAX_PENDING_CODES = 100;
const MAX_SESSIONS = 100;

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * One-time login codes and the sessions they open. Both are 256-bit random
 * values, held only as SHA-256 digests, looked up by digest so a comparison
 * never depends on how much of a guess was right.
 */
export function createUiSessions(options: {
  userId: string;
  clock?: () => number;
  /** Told when a session ends (sign-out or eviction), so what it holds open can close too. */
  onEnd?: (key: string) => void;
}) {
  const { userId, clock = Date.now, onEnd } = options;
  const codes = new Map<string, number>();
  const sessions = new Map<string, UiSession>();

  function remember<V>(map: Map<string, V>, key: string, value: V, max: number, evicted?: (key: string) => void): void {
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= max) break;
      map.delete(oldest);
      evicted?.(oldest);
    }
  }

  function openSession(): string {
    const sessionId = newSecret();
    const key = digest(sessionId);
    remember(sessions, key, { key, userId, createdAt: clock() }, MAX_SESSIONS, onEnd);
    return sessionId;
  }

  return {
    /** A new code for the sign-in link; it works once. */
    createLoginCode(): string {
      const code = newSecret();
      remember(codes, digest(code), clock() + LOGIN_CODE_TTL_MS, MAX_PENDING_CODES);
      return code;
    },

    /** Spends a login code; returns the new session's id, or undefined for an unknown, used or expired code. */
    exchange(code: string): string | undefined {
      const key = digest(code);
      const expiresAt = codes.get(key);
      codes.delete(key);
      if (expiresAt === undefined || expiresAt < clock()) return undefined;
      return openSession();
    },

    /** A session opened without a code, for a window the server's own process opens (the desktop app). */
    open: openSession,

    find(sessionId: string | undefined): UiSession | undefined {
      return sessionId ? sessions.get(digest(sessionId)) : undefined;
    },

    end(sessionId: string | undefined): void {
      if (!sessionId) return;
      const key = digest(sessionId);
      if (sessions.delete(key)) onEnd?.(key);
    },
  };
}

export type UiSessions = ReturnType<typeof createUiSessions>;
