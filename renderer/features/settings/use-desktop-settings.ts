import { useCallback, useEffect, useState } from 'react';
import type { DesktopSettings, DesktopSettingsState } from '../../../shared/desktop';
import { useApi } from '../../app/api-context';
import type { ApiClient } from '../../lib/api-client';
import { inDesktopWindow } from './desktop-bridge';

/**
 * Whether this server has the desktop settings routes: only the desktop app
 * adds them (elsewhere GET answers 404), so the Settings tab shows only there.
 * Asked only inside the desktop window (see inDesktopWindow) and once the
 * person is signed in, since every /api/ route needs the session.
 */
export function useHasDesktopSettings(api: ApiClient, signedIn: boolean): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!signedIn || !inDesktopWindow()) return undefined;
    let cancelled = false;
    api.desktopSettings().then(
      () => !cancelled && setHas(true),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, signedIn]);
  return has;
}

/** The saved desktop settings, read when the view opens; `save` answers with what the app now holds. */
export function useDesktopSettings() {
  const api = useApi();
  const [state, setState] = useState<DesktopSettingsState>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    api.desktopSettings().then(
      (loaded) => !cancelled && setState(loaded),
      (reason: unknown) => !cancelled && setLoadError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const save = useCallback(
    async (next: DesktopSettings) => {
      const saved = await api.saveDesktopSettings(next);
      setState(saved);
      return saved;
    },
    [api],
  );

  return { state, loadError, save };
}
