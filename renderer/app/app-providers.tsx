import { useMemo, type ReactNode } from 'react';
import { useApi } from '../lib/api-context';
import { LiveEventsProvider } from '../lib/live-events';
import type { LiveStream } from '../lib/live-stream';
import { ServerStatusProvider } from '../lib/server-status';
import { SessionContext } from '../lib/session-context';

interface AppProvidersProps {
  /** Switches the window to its signed-out screen. */
  signedOut: (reason: string) => void;
  /** The event stream main.tsx opened before the first render, if any. */
  startedStream?: LiveStream;
  children: ReactNode;
}

/** What every view of a signed-in window shares: the one event stream and the one status fetcher. */
export function AppProviders({ signedOut, startedStream, children }: AppProvidersProps) {
  const api = useApi();
  const session = useMemo(() => ({ signedOut }), [signedOut]);
  return (
    <SessionContext.Provider value={session}>
      <LiveEventsProvider api={api} started={startedStream}>
        <ServerStatusProvider>{children}</ServerStatusProvider>
      </LiveEventsProvider>
    </SessionContext.Provider>
  );
}
