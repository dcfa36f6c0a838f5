import { API_PATHS } from '../../../shared/api';
import {
  databaseTestInput,
  desktopSettings,
  type DesktopSettings,
  type DesktopSettingsState,
} from '../../../shared/desktop';
import { ok } from '../../../shared/result';
import { validate } from '../../../shared/validate';
import { route, type ApiRoute } from './api-route';

/** How the desktop app keeps its settings; only the desktop app supplies one. */
export interface DesktopAdapter {
  settings: () => Promise<DesktopSettingsState>;
  /** Saves valid settings; the app restarts the server to apply them once this answer is out. */
  save: (next: DesktopSettings) => Promise<DesktopSettingsState>;
}

/** Settings routes, present only inside the desktop app (elsewhere they are unknown paths: 404). */
export function desktopRoutes(desktop: DesktopAdapter): ApiRoute[] {
  return [
    route('GET', API_PATHS.desktopSettings, async () => ({ result: ok(await desktop.settings()) })),
    route('PUT', API_PATHS.desktopSettings, async (request) => {
      const parsed = validate(desktopSettings, request.body);
      return { result: parsed.ok ? ok(await desktop.save(parsed.value)) : parsed };
    }),
    route('POST', API_PATHS.testDatabase, async (request) => {
      const parsed = validate(databaseTestInput, request.body);
      if (!parsed.ok) return { result: parsed };
      const { testPostgresConnection } = await import('../../db/postgres/test-postgres-connection');
      return { result: await testPostgresConnection(parsed.value.url) };
    }),
  ];
}
