/** What the Settings tests share: the desktop app's settings kept in memory, and the view on a real server. */
import { render } from '@testing-library/react';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../shared/desktop';
import { ApiProvider } from '../lib/api-context';
import type { ApiClient } from '../lib/api-client';
import type { UiTestServerOptions } from './real-server';
import { SettingsView } from '../features/settings/settings-view';

type DesktopAdapter = NonNullable<UiTestServerOptions['desktop']>;

/** Keeps settings as the desktop app's store does, in memory: what is under test is the UI against the server. */
export function settingsKeeper(): DesktopAdapter & { saved: DesktopSettings[]; reset: () => void } {
  let current = DEFAULT_DESKTOP_SETTINGS;
  const saved: DesktopSettings[] = [];
  return {
    saved,
    reset: () => {
      current = DEFAULT_DESKTOP_SETTINGS;
      saved.length = 0;
    },
    settings: () => Promise.resolve({ settings: current, restart_pending: false }),
    save: (next) => {
      current = next;
      saved.push(next);
      return Promise.resolve({ settings: current, restart_pending: true });
    },
  };
}

export function renderSettings(api: ApiClient) {
  return render(
    <ApiProvider api={api}>
      <SettingsView />
    </ApiProvider>,
  );
}

/** What the desktop app's preload puts on window; only its presence matters to the UI (it asks for settings only there). */
export function actAsDesktopWindow(): () => void {
  window.taskdesk = { appVersion: '0.0.0-test', openExternal: () => Promise.resolve(false) };
  return () => {
    delete window.taskdesk;
  };
}
