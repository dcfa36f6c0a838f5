import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { useApi } from '../lib/api-context';
import { ApiError, type ApiClient } from '../lib/api-client';
import { QUERY_KEYS } from '../lib/query';
import { SESSION_ENDED_REASON } from '../lib/session-context';

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
 * Signs in with the address bar's code, or checks for an existing session;
 * never throws. main.tsx starts it before React's first render, so the answer
 * is on its way while the page renders, not asked for after.
 */
export async function checkSession(api: ApiClient): Promise<SessionState> {
  const code = takeLoginCode();
  try {
    await (code === undefined ? api.session() : signIn(api, code));
    return { kind: 'signed-in' };
  } catch (error) {
    return { kind: 'signed-out', reason: reasonFor(error, code) };
  }
}

/**
 * Exchanges a login code from the URL for a session cookie, or checks for an
 * existing session; later, any call answering 401 (a sign-out elsewhere, an
 * expired session) or `signedOut` shows the signed-out screen. The check is a
 * query, so it runs once however often React mounts this (a code works once).
 */
export function useSession(started?: Promise<SessionState>): {
  session: SessionState;
  signedOut: (reason: string) => void;
} {
  const api = useApi();
  const early = useRef(started);
  const checked = useQuery({
    queryKey: QUERY_KEYS.session,
    queryFn: () => {
      const check = early.current ?? checkSession(api);
      early.current = undefined;
      return check;
    },
  });
  const [ended, setEnded] = useState<string>();
  const signedIn = useRef(false);
  signedIn.current = checked.data?.kind === 'signed-in';
  const session: SessionState =
    ended !== undefined ? { kind: 'signed-out', reason: ended } : (checked.data ?? { kind: 'checking' });

  // Only a signed-in window signs out: while checking, the check itself decides.
  const signedOut = useCallback((reason: string) => {
    if (signedIn.current) setEnded((previous) => previous ?? reason);
  }, []);
  useEffect(() => api.onUnauthorized(() => signedOut(SESSION_ENDED_REASON)), [api, signedOut]);

  return { session, signedOut };
}
