import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../lib/api-client';
import { startUiTestServer, type UiTestServer } from '../testing/real-server';
import { actAsDesktopWindow, settingsKeeper } from '../testing/settings-test-kit';
import { App } from './app';

const keeper = settingsKeeper();
let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer({ desktop: keeper });
});
afterAll(async () => {
  await ui.close();
});

/** The API client, noting every settings probe so a test can wait until each has answered. */
function probing(api: ApiClient) {
  const probes: Promise<unknown>[] = [];
  const probed: ApiClient = {
    ...api,
    desktopSettings: () => {
      const answer = api.desktopSettings();
      probes.push(answer);
      return answer;
    },
  };
  return { api: probed, probes };
}

describe('the Settings tab', () => {
  it('shows in the desktop window when the server has the settings routes', async () => {
    const leave = actAsDesktopWindow();
    try {
      render(<App api={ui.api} />);
      await userEvent.setup().click(await screen.findByRole('tab', { name: 'Settings' }));
      expect(await screen.findByRole('textbox', { name: 'Port' })).toHaveValue('7410');
    } finally {
      leave();
    }
  });

  it('stays hidden when the server has no settings routes (404)', async () => {
    const plain = await startUiTestServer();
    const leave = actAsDesktopWindow();
    try {
      const { api, probes } = probing(plain.api);
      render(<App api={api} />);
      await screen.findByRole('tab', { name: 'Tasks' });
      await waitFor(() => expect(probes).toHaveLength(1));
      await expect(probes[0]).rejects.toMatchObject({ status: 404 });
      expect(screen.queryByRole('tab', { name: 'Settings' })).not.toBeInTheDocument();
    } finally {
      leave();
      await plain.close();
    }
  });

  it('is not even asked for in a plain browser, where the 404 would be logged as a console error', async () => {
    const { api, probes } = probing(ui.api);
    render(<App api={api} />);
    await screen.findByRole('tab', { name: 'Tasks' });
    expect(probes).toHaveLength(0);
    expect(screen.queryByRole('tab', { name: 'Settings' })).not.toBeInTheDocument();
  });
});
