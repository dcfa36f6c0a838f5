import { useCallback, useEffect, useRef, useState } from 'react';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { ApiError, type ApiClient } from '../lib/api-client';
import { SESSION_ENDED_REASON } from './session-context';

export type SessionState = { kind: 'checking' } | { kind: 'signed-in' } | { kind: 'signed-out'; reason: string };

/** Takes a login code out of the address bar (before anything else can read or log it) and returns it. */
function takeLoginCode(): string | undefined {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const code = params.get(LOGIN_FRAGMENT_KEY) ?? undefined;
  if (code !== undefined) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return code;
}

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

/**
 * A spent code is not the end: the same browser opening the printed link
 * again still holds the session the code gave it. The login's own failure is
 * what is reported when there is no session either.
 */
function signIn(api: ApiClient, code: string): Promise<unknown> {
  return api.login(code).catch((error: unknown) => {
    if (!isUnauthorized(error)) throw error;
    return api.session().catch(() => {
      throw error;
    });
  });
}

function reasonFor(error: unknown, code: string | undefined): string {
  if (isUnauthorized(error)) {
    return code === undefined
      ? 'This browser is not signed in.'
      : 'That sign-in link has already been used or is from an earlier run of the server.';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Exchanges a login code from the URL for a session cookie, or checks for an
 * existing session; later, any call answering 401 (a restarted server, a
 * sign-out elsewhere) or `signedOut` shows the signed-out screen.
 */
export function useSession(api: ApiClient): { session: SessionState; signedOut: (reason: string) => void } {
  const [session, setSession] = useState<SessionState>({ kind: 'checking' });
  // One attempt per mount, even when React runs the effect twice (StrictMode): a code works only once.
  const attempt = useRef<{ code: string | undefined; done: Promise<unknown> } | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    if (!attempt.current) {
      const code = takeLoginCode();
      attempt.current = { code, done: code === undefined ? api.session() : signIn(api, code) };
    }
    const { code, done } = attempt.current;
    done.then(
      () => !cancelled && setSession({ kind: 'signed-in' }),
      (error: unknown) => !cancelled && setSession({ kind: 'signed-out', reason: reasonFor(error, code) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Only a signed-in window signs out: while checking, the check itself decides.
  const signedOut = useCallback((reason: string) => {
    setSession((previous) => (previous.kind === 'signed-in' ? { kind: 'signed-out', reason } : previous));
  }, []);
  useEffect(() => api.onUnauthorized(() => signedOut(SESSION_ENDED_REASON)), [api, signedOut]);

  return { session, signedOut };
}
