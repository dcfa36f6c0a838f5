import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectionView } from '../features/connection/connection-view';
import { ApiProvider } from '../lib/api-context';
import { LiveEventsProvider, useLiveEvents } from '../lib/live-events';
import { ServerStatusProvider } from '../lib/server-status';
import type { UiTestServer } from './real-server';

function LiveIndicator() {
  return useLiveEvents().connected ? <span>stream open</span> : null;
}

/** Renders the Connection panel against the real server and waits until the event stream is open. */
export async function renderConnectionPanel(ui: UiTestServer) {
  const user = userEvent.setup();
  render(
    <ApiProvider api={ui.api}>
      <LiveEventsProvider api={ui.api}>
        <ServerStatusProvider>
          <LiveIndicator />
          <ConnectionView />
        </ServerStatusProvider>
      </LiveEventsProvider>
    </ApiProvider>,
  );
  await screen.findByText('stream open');
  return user;
}
