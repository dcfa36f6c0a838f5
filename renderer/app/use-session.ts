import { useEffect, useRef, useState } from 'react';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { ApiError, type ApiClient } from '../lib/api-client';

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

/** Exchanges a login code from the URL for a session cookie, or checks for an existing session. */
export function useSession(api: ApiClient): SessionState {
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
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
      () => !cancelled && setState({ kind: 'signed-in' }),
      (error: unknown) => {
        if (cancelled) return;
        const reason =
          isUnauthorized(error)
            ? code === undefined
              ? 'This browser is not signed in.'
              : 'That sign-in link has already been used or is from an earlier run of the server.'
            : error instanceof Error
              ? error.message
              : String(error);
        setState({ kind: 'signed-out', reason });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);
  return state;
}
