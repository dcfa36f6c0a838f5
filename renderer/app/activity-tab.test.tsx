import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiTestServer, type UiTestServer } from '../testing/real-server';
import { App } from './app';

let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer();
});
afterAll(async () => {
  await ui.close();
});

describe('the Activity tab', () => {
  it('renders from its first showing on, lists the calls made before it, and keeps its state while hidden', async () => {
    const user = userEvent.setup();
    const agent = await ui.agent('Before the tab');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Added before Activity was shown' } });
    render(<App api={ui.api} />);
    await screen.findByRole('tab', { name: 'Tasks', selected: true });
    // The first screen is the tasks alone: the log is not rendered, not even hidden.
    expect(screen.queryByRole('region', { name: 'Activity', hidden: true })).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Activity' }));
    const log = await screen.findByRole('region', { name: 'Activity' });
    // jsdom lays out no rows; the toolbar counts what the server's first page brought.
    await expect.poll(() => log.textContent).toContain('1 shown');

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    await user.click(screen.getByRole('tab', { name: 'Tasks' }));
    // Kept, and inert while hidden (the stylesheet hides an inert panel; jsdom applies no stylesheet).
    expect(screen.getByRole('region', { name: 'Activity', hidden: true }).closest('.app-panel')).toHaveAttribute(
      'inert',
    );
    await user.click(screen.getByRole('tab', { name: 'Activity' }));
    expect(screen.getByRole('button', { name: 'Resume' })).toBeVisible();
  });
});
