import { useCallback, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { ConnectionView } from '../features/connection/connection-view';
import { SettingsView } from '../features/settings/settings-view';
import { useHasDesktopSettings } from '../features/settings/use-desktop-settings';
import { TasksView } from '../features/tasks/tasks-view';
import { ToolLogView } from '../features/tool-log/tool-log-view';
import { ApiProvider } from '../lib/api-context';
import { TaskNavigationProvider } from '../lib/task-navigation';
import type { ApiClient } from '../lib/api-client';
import type { LiveStream } from '../lib/live-stream';
import { AppProviders } from './app-providers';
import { StatusBar } from './status-bar';
import { UnreachableBanner } from './unreachable-banner';
import { useSession, type SessionState } from './use-session';

interface StartedWork {
  /** The session check main.tsx started before the first render, if any. */
  sessionCheck?: Promise<SessionState>;
  /** The event stream main.tsx opened once the session was known, if any (read when the signed-in window mounts). */
  startedStream?: () => LiveStream | undefined;
}

export function App({ api, ...started }: { api: ApiClient } & StartedWork) {
  return (
    <ApiProvider api={api}>
      <Shell {...started} />
    </ApiProvider>
  );
}

function Shell({ sessionCheck, startedStream }: StartedWork) {
  const { session, signedOut } = useSession(sessionCheck);
  const desktop = useHasDesktopSettings(session.kind === 'signed-in');
  const [view, setView] = useState<Key>('tasks');
  // Activity renders from its first showing on, then stays while hidden (keeping its filter, pause and
  // scroll): the first screen is the tasks alone, and calls made before come from the server's pages.
  const [activityShown, setActivityShown] = useState(false);
  const showView = useCallback((key: Key) => {
    setView(key);
    if (key === 'log') setActivityShown(true);
  }, []);
  const showTasks = useCallback(() => setView('tasks'), []);
  if (session.kind === 'checking') return <main className="centered" aria-busy="true" />;
  if (session.kind === 'signed-out') return <SignedOut reason={session.reason} />;
  return (
    <AppProviders signedOut={signedOut} startedStream={startedStream?.()}>
      <TaskNavigationProvider onOpen={showTasks}>
        <div className="app">
          <UnreachableBanner />
          <Tabs className="app-tabs" selectedKey={view} onSelectionChange={showView}>
            <header className="app-header">
              <h1 className="app-title">TaskDesk</h1>
              <TabList aria-label="Views" className="app-nav">
                <Tab id="tasks">Tasks</Tab>
                <Tab id="log">Activity</Tab>
                <Tab id="connection">Connection</Tab>
                {desktop && <Tab id="settings">Settings</Tab>}
              </TabList>
            </header>
            <TabPanel id="tasks" className="app-panel">
              <TasksView />
            </TabPanel>
            <TabPanel id="log" className="app-panel" shouldForceMount={activityShown}>
              <ToolLogView />
            </TabPanel>
            <TabPanel id="connection" className="app-panel">
              <ConnectionView />
            </TabPanel>
            {desktop && (
              <TabPanel id="settings" className="app-panel">
                <SettingsView />
              </TabPanel>
            )}
          </Tabs>
          <StatusBar />
        </div>
      </TaskNavigationProvider>
    </AppProviders>
  );
}

function SignedOut({ reason }: { reason: string }) {
  return (
    <main className="centered signed-out">
      <h1>TaskDesk</h1>
      <p>{reason}</p>
      <p>
        Open the sign-in link that <code>taskdesk serve</code> printed when it started, or run{' '}
        <code>taskdesk ui-link</code> for a fresh one (each link signs in one browser once), or open TaskDesk from the
        desktop app.
      </p>
    </main>
  );
}
