import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DesktopSettings } from '../../../shared/desktop';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { QUERY_KEYS } from '../../lib/query';
import { inDesktopWindow } from './desktop-bridge';

/**
 * Whether this server has the desktop settings routes: only the desktop app
 * adds them (elsewhere GET answers 404), so the Settings tab shows only there.
 * Asked only inside the desktop window (see inDesktopWindow) and once the
 * person is signed in, since every /api/ route needs the session.
 */
export function useHasDesktopSettings(signedIn: boolean): boolean {
  const api = useApi();
  const query = useQuery({
    queryKey: QUERY_KEYS.desktopSettings,
    queryFn: () => api.desktopSettings(),
    enabled: signedIn && inDesktopWindow(),
  });
  return query.isSuccess;
}

/** The saved desktop settings, read when the view opens; `save` answers with what the app now holds. */
export function useDesktopSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: QUERY_KEYS.desktopSettings, queryFn: () => api.desktopSettings() });
  const saving = useMutation({
    mutationFn: (next: DesktopSettings) => api.saveDesktopSettings(next),
    onSuccess: (saved) => queryClient.setQueryData(QUERY_KEYS.desktopSettings, saved),
  });
  return { state: query.data, loadError: query.error ? errorMessage(query.error) : undefined, saving };
}
