import { API_PATHS } from '../../../shared/api';
import { ok } from '../../../shared/result';
import type { ClientSetupService } from '../../connect/client-setup';
import { route, type ApiRoute } from './api-route';

/**
 * The clients on this computer and their TaskDesk entries. Writing a
 * client's configuration is offered only where `canConnect` (the desktop
 * app): a page in a browser shows the terminal command instead.
 */
export function clientRoutes(
  /** Built per request: the URL clients are pointed at is known only once the server listens. */
  setup: () => ClientSetupService,
  options: { canConnect: boolean },
): ApiRoute[] {
  const routes = [
    route('GET', API_PATHS.clients, async () => ({
      result: ok({ clients: await setup().list(), can_connect: options.canConnect }),
    })),
  ];
  if (!options.canConnect) return routes;
  return [
    ...routes,
    route('POST', API_PATHS.connectClient, async ({ params }) => {
      const connected = await setup().connect(params.id ?? '');
      if (!connected.ok) return { result: connected };
      // The token it made (if any) was announced by the token service; the answer need not name it.
      const { tokenCreated: _created, ...answer } = connected.value;
      return { result: ok(answer) };
    }),
  ];
}
