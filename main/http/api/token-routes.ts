import { API_PATHS } from '../../../shared/api';
import { fail, ok } from '../../../shared/result';
import type { TokenService } from '../../tokens/token-service';
import { asObject, route, type ApiRoute } from './api-route';

/** Tokens of the signed-in user: listed without secrets; a new one's secret is in the create answer only. */
export function tokenRoutes(tokens: TokenService): ApiRoute[] {
  return [
    route('GET', API_PATHS.tokens, async ({ userId }) => ({ result: ok({ tokens: await tokens.list(userId) }) })),
    route('POST', API_PATHS.tokens, async (request) => {
      const fields = asObject(request.body);
      if (!fields) return { result: fail('validation_error', 'the body must be a JSON object') };
      // The UI creates tokens for its own user only, whatever the body says.
      const created = await tokens.create({ ...fields, user: request.userId });
      if (!created.ok) return { result: created };
      return { result: ok({ token: created.value }), status: 201 };
    }),
    route('POST', API_PATHS.revokeToken, async ({ userId, params }) => {
      const revoked = await tokens.revoke(params.id ?? '', userId);
      return { result: revoked.ok ? ok({ token: revoked.value }) : revoked };
    }),
  ];
}
