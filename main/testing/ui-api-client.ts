import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import type { RunningServer } from '../app/start-server';

export interface UiApiClient {
  /** A request as the signed-in TaskDesk page sends it; the answer's status and JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the test names the shape it then asserts
  request: <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
}

/** Signs in with a fresh one-time link, as a browser opening it would, and returns a client holding the session. */
export async function signInToUi(server: RunningServer): Promise<UiApiClient> {
  const origin = new URL(server.mcpUrl).origin;
  const code = new URLSearchParams(new URL(server.createLoginUrl()).hash.slice(1)).get(LOGIN_FRAGMENT_KEY) ?? '';
  const signIn = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed with ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  return {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
    request: async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
}
