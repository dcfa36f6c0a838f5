import { createHash, randomBytes } from 'node:crypto';
import type { UiSessionRepository } from '../../db/ui-session-repository';
import type { Logger } from '../../logging/logger';

/** A browser's sign-in. It is kept in the database, so a restart of the server keeps it. */
export interface UiSession {
  /** A stable handle for this session that is not its secret (the digest). */
  key: string;
  userId: string;
  createdAt: number;
}

// Login links go unused when people close the tab; old ones stop working.
const LOGIN_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a sign-in lasts; signing out ends it sooner. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// Bounds memory however many links or browsers come and go; the oldest go first.
const MAX_PENDING_CODES = 100;
// Sessions held in memory; one evicted is read back from the database when it next returns.
const MAX_CACHED_SESSIONS = 100;

export const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * One-time login codes and the sessions they open. Both are 256-bit random
 * values, held only as SHA-256 digests, looked up by digest so a comparison
 * never depends on how much of a guess was right. Sessions (and login codes
 * another process made, `taskdesk ui-link`) live in the database; memory
 * holds recent ones so most requests need no read.
 */
export function createUiSessions(options: {
  userId: string;
  store: UiSessionRepository;
  logger: Logger;
  clock?: () => number;
  /** Told when a session ends (sign-out), so what it holds open can close too. */
  onEnd?: (key: string) => void;
}) {
  const { userId, store, logger, clock = Date.now, onEnd } = options;
  const codes = new Map<string, number>();
  const sessions = new Map<string, UiSession & { expiresAt: number }>();
  const pending = new Set<Promise<void>>();

  function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= max) break;
      map.delete(oldest);
    }
  }

  /** Runs a write the caller need not wait for, but close() does. */
  function inBackground(write: Promise<void>, what: string): void {
    const tracked = write.catch((error: unknown) => logger.error({ err: error }, `could not ${what}`));
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  }

  /** Opens a session; `written` settles once its row is in the database. */
  function openSessionRow(): { sessionId: string; written: Promise<void> } {
    const sessionId = newSecret();
    const key = digest(sessionId);
    const createdAt = clock();
    const expiresAt = createdAt + SESSION_TTL_MS;
    remember(sessions, key, { key, userId, createdAt, expiresAt }, MAX_CACHED_SESSIONS);
    const iso = (ms: number) => new Date(ms).toISOString();
    const written = store
      .deleteExpired(iso(createdAt))
      .then(() =>
        store.insert({ id: key, kind: 'session', userId, createdAt: iso(createdAt), expiresAt: iso(expiresAt) }),
      );
    inBackground(written, 'keep a UI session');
    return { sessionId, written };
  }

  /** A session for a window this process opens itself; its row is written in the background. */
  const openSession = (): string => openSessionRow().sessionId;

  /** A session a browser signs in to: answered only once it is stored, so it survives a restart from then on. */
  async function openStoredSession(): Promise<string> {
    const { sessionId, written } = openSessionRow();
    await written;
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
    async exchange(code: string): Promise<string | undefined> {
      const key = digest(code);
      const expiresAt = codes.get(key);
      codes.delete(key);
      if (expiresAt !== undefined) return expiresAt < clock() ? undefined : openStoredSession();
      // A code `taskdesk ui-link` wrote for this running server.
      const spent = await store.spendLogin(key, new Date(clock()).toISOString());
      return spent ? openStoredSession() : undefined;
    },

    /** A session opened without a code, for a window the server's own process opens (the desktop app). */
    open: openSession,

    async find(sessionId: string | undefined): Promise<UiSession | undefined> {
      if (!sessionId) return undefined;
      const key = digest(sessionId);
      const now = clock();
      const cached = sessions.get(key);
      if (cached) return cached.expiresAt > now ? cached : undefined;
      const row = await store.find(key, 'session', new Date(now).toISOString());
      if (!row) return undefined;
      const session = {
        key,
        userId: row.userId,
        createdAt: Date.parse(row.createdAt),
        expiresAt: Date.parse(row.expiresAt),
      };
      remember(sessions, key, session, MAX_CACHED_SESSIONS);
      return session;
    },

    async end(sessionId: string | undefined): Promise<void> {
      if (!sessionId) return;
      const key = digest(sessionId);
      sessions.delete(key);
      // A row still being written must not land after its deletion and come back at the next start.
      await Promise.all([...pending]);
      await store.delete(key);
      onEnd?.(key);
    },

    /** Waits for sessions still being written, so a restart right after a sign-in keeps it. */
    async flush(): Promise<void> {
      await Promise.all([...pending]);
    },
  };
}

export type UiSessions = ReturnType<typeof createUiSessions>;
