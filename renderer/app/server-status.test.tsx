import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES } from '../../shared/api';
import { startUiTestServer, type UiTestServer } from '../testing/real-server';
import { ApiProvider } from '../lib/api-context';
import { LiveEventsProvider, useLiveEvents } from '../lib/live-events';
import { ServerStatusProvider, useServerStatus } from '../lib/server-status';
import { StatusBar } from './status-bar';

let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer();
});
afterAll(async () => {
  await ui.close();
});

/** Another part showing the status, as the Connection tab's Server section and "Connect a client" do. */
function TaskCount({ name }: { name: string }) {
  const { status } = useServerStatus();
  return <p aria-label={name}>{status?.task_count ?? 'unknown'}</p>;
}

function StreamOpen() {
  return useLiveEvents().connected ? <span>stream open</span> : null;
}

describe('server status', () => {
  it('a burst of 50 agent adds costs a few status fetches for the whole window, and ends on the right count', async () => {
    // The test server's API client calls the global fetch for every request; counted here by URL.
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const pathOf = (input: string | URL | Request) => new URL(input instanceof Request ? input.url : input).pathname;
    const statusFetches = () => fetchSpy.mock.calls.filter(([input]) => pathOf(input) === API_ROUTES.status).length;
    render(
      <ApiProvider api={ui.api}>
        <LiveEventsProvider api={ui.api}>
          <ServerStatusProvider>
            <StreamOpen />
            <StatusBar />
            <TaskCount name="Server section" />
            <TaskCount name="Connect a client" />
          </ServerStatusProvider>
        </LiveEventsProvider>
      </ApiProvider>,
    );
    await screen.findByText('stream open');
    expect(await screen.findByText('0 tasks')).toBeInTheDocument();
    const before = statusFetches();

    const agent = await ui.agent('Claude Code');
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        agent.callTool({ name: 'add_task', arguments: { title: `Burst ${index}` } }),
      ),
    );

    expect(await screen.findByText('50 tasks')).toBeInTheDocument();
    expect(screen.getByLabelText('Server section')).toHaveTextContent('50');
    expect(screen.getByLabelText('Connect a client')).toHaveTextContent('50');
    // One per change per component would be 150.
    expect(statusFetches() - before).toBeLessThanOrEqual(5);
    fetchSpy.mockRestore();
  });
});
