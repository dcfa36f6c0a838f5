import { loginInput, API_PATHS } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import { validate } from '../../../shared/validate';
import type { UiSessions } from '../ui/ui-sessions';
import { clearedSessionCookie, sessionCookie, sessionIdFrom } from '../ui/session-cookie';
import { route, type ApiRoute } from './api-route';

/** Signing in: a one-time code from the printed link becomes an HttpOnly session cookie. */
export function sessionRoutes(sessions: UiSessions, port: () => number): ApiRoute[] {
  return [
    route(
      'POST',
      API_PATHS.session,
      async (request) => {
        const parsed = validate(loginInput, request.body);
        if (!parsed.ok) return { result: parsed };
        const sessionId = await sessions.exchange(parsed.value.code);
        if (!sessionId) {
          return {
            result: fail(
              'validation_error',
              'this sign-in link has been used already or has expired; open the link the server printed most recently',
            ),
            errorStatus: 401,
          };
        }
        const session = await sessions.find(sessionId);
        return {
          result: ok({ user: session?.userId ?? '' }),
          headers: { 'set-cookie': sessionCookie(port(), sessionId) },
        };
      },
      { public: true },
    ),
    route('GET', API_PATHS.session, ({ userId }) => Promise.resolve({ result: ok({ user: userId }) })),
    route('DELETE', API_PATHS.session, async ({ req }) => {
      await sessions.end(sessionIdFrom(req, port()));
      return { result: ok({}), headers: { 'set-cookie': clearedSessionCookie(port()) } };
    }),
  ];
}
