import { ok } from '../../../shared/result';
import type { ClientSetupService } from '../../connect/client-setup';
import type { LiveEvents } from '../../live/live-events';
import type { TokenService } from '../../tokens/token-service';
import { route, type ApiRoute } from './api-route';

/**
 * The clients on this computer and their TaskDesk entries. Writing a
 * client's configuration is offered only where `canConnect` (the desktop
 * app): a page in a browser shows the terminal command instead.
 */
export function clientRoutes(
  /** Built per request: the URL clients are pointed at is known only once the server listens. */
  setup: () => ClientSetupService,
  options: { canConnect: boolean; tokens: Pick<TokenService, 'list'>; live: LiveEvents },
): ApiRoute[] {
  const routes = [
    route('GET', '/api/clients', async () => ({
      result: ok({ clients: await setup().list(), can_connect: options.canConnect }),
    })),
  ];
  if (!options.canConnect) return routes;
  return [
    ...routes,
    route('POST', '/api/clients/:id/connect', async ({ params, userId }) => {
      const connected = await setup().connect(params.id ?? '');
      if (!connected.ok) return { result: connected };
      const { tokenCreated, ...answer } = connected.value;
      const created = tokenCreated && (await options.tokens.list()).find((token) => token.id === tokenCreated);
      if (created) options.live.publish(userId, 'token', created);
      return { result: ok(answer) };
    }),
  ];
}
