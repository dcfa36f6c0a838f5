import type { ReactNode } from 'react';
import type { ApiClient } from '../lib/api-client';
import { ApiProvider } from './api-context';
import { LiveEventsProvider } from './live-events';
import { ServerStatusProvider } from './server-status';

interface AppProvidersProps {
  api: ApiClient;
  children: ReactNode;
}

/** What every view of a signed-in window shares: the API, the one event stream, the one status fetcher. */
export function AppProviders({ api, children }: AppProvidersProps) {
  return (
    <ApiProvider api={api}>
      <LiveEventsProvider api={api}>
        <ServerStatusProvider>{children}</ServerStatusProvider>
      </LiveEventsProvider>
    </ApiProvider>
  );
}
