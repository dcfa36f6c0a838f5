import { isDeepStrictEqual } from 'node:util';
import type { DesktopSettings, DesktopSettingsState } from '../../shared/desktop';
import type { DesktopAdapter } from '../app/start-server';
import type { SettingsStore } from './settings-store';

// Long enough for the answer to the PUT that saved the settings to leave before its server stops.
const RESTART_DELAY_MS = 300;

export interface DesktopAdapterOptions {
  store: SettingsStore;
  /** The settings the running server was started with (undefined while none runs). */
  startedWith: () => DesktopSettings | undefined;
  /** Saved settings that need no restart (start at login) are applied here. */
  onSaved: (settings: DesktopSettings) => void;
  /** Saved settings that change the server: stop it and start it again with them. */
  restart: () => void;
}

/** What the running server was started with: a change to any of these needs a restart. */
const serverPart = ({ port, database, allowed_hosts }: DesktopSettings) => ({ port, database, allowed_hosts });

/** The UI's Settings view (/api/desktop/settings) over the settings file. */
export function createDesktopAdapter(options: DesktopAdapterOptions): DesktopAdapter {
  const state = (settings: DesktopSettings): DesktopSettingsState => {
    const current = options.startedWith();
    return {
      settings,
      restart_pending: current !== undefined && !isDeepStrictEqual(serverPart(settings), serverPart(current)),
    };
  };
  return {
    settings: async () => state(await options.store.read()),
    save: async (next) => {
      await options.store.write(next);
      options.onSaved(next);
      const answer = state(next);
      if (answer.restart_pending) setTimeout(options.restart, RESTART_DELAY_MS);
      return answer;
    },
  };
}
