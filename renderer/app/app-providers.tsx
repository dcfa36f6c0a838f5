import { useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../lib/api-client';
import { ApiProvider } from './api-context';
import { LiveEventsProvider } from './live-events';
import { ServerStatusProvider } from './server-status';
import { SessionContext } from './session-context';

interface AppProvidersProps {
  api: ApiClient;
  /** Switches the window to its signed-out screen. */
  signedOut: (reason: string) => void;
  children: ReactNode;
}

/** What every view of a signed-in window shares: the API, the one event stream, the one status fetcher. */
export function AppProviders({ api, signedOut, children }: AppProvidersProps) {
  const session = useMemo(() => ({ signedOut }), [signedOut]);
  return (
    <SessionContext.Provider value={session}>
      <ApiProvider api={api}>
        <LiveEventsProvider api={api}>
          <ServerStatusProvider>{children}</ServerStatusProvider>
        </LiveEventsProvider>
      </ApiProvider>
    </SessionContext.Provider>
  );
}
