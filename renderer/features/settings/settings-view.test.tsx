import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { describePostgres, PG_TEST_URL } from '../../../main/testing/postgres';
import { startUiTestServer, type UiTestServer } from '../../testing/real-server';
import { renderSettings, settingsKeeper } from '../../testing/settings-test-kit';

const keeper = settingsKeeper();
let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer({ desktop: keeper });
});
afterAll(async () => {
  await ui.close();
});
beforeEach(() => keeper.reset());
afterEach(() => vi.restoreAllMocks());

describe('the settings form', () => {
  it("refuses a port the shared schema refuses, with the schema's message, and saves nothing", async () => {
    const user = userEvent.setup();
    const save = vi.spyOn(ui.api, 'saveDesktopSettings');
    renderSettings(ui.api);
    const port = await screen.findByRole('textbox', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '80');
    expect(await screen.findByText('port must be 1024-65535 (lower ports need administrator rights)')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(port).toHaveAttribute('aria-invalid', 'true');
    await user.clear(port);
    await user.type(port, 'http');
    expect(await screen.findByText('port must be a number')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).not.toHaveBeenCalled();
    expect(keeper.saved).toEqual([]);
  });

  it('saves valid settings to the desktop app and says the server restarts to apply them', async () => {
    const user = userEvent.setup();
    renderSettings(ui.api);
    const port = await screen.findByRole('textbox', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '7411');
    await user.type(screen.getByRole('textbox', { name: 'SQLite file' }), 'work/tasks.db');
    await user.click(screen.getByRole('checkbox', { name: 'Start TaskDesk at login' }));

    const host = screen.getByRole('textbox', { name: 'Add allowed host' });
    await user.type(host, 'http://evil.example/x');
    await user.click(screen.getByRole('button', { name: 'Add host' }));
    expect(await screen.findByText(/is not a host name/)).toBeVisible();
    await user.clear(host);
    await user.type(host, 'My-Laptop.local{Enter}');
    await user.type(host, 'build-box');
    await user.click(screen.getByRole('button', { name: 'Add host' }));
    const hosts = screen.getByRole('list', { name: 'Extra allowed hosts' });
    expect(
      within(hosts)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['my-laptop.local', 'build-box']);
    await user.click(within(hosts).getByRole('button', { name: 'Remove build-box' }));

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/restarting its server to apply these settings/)).toBeVisible();
    expect(keeper.saved).toEqual([
      {
        port: 7411,
        database: { kind: 'sqlite', path: 'work/tasks.db' },
        start_at_login: true,
        allowed_hosts: ['my-laptop.local'],
      },
    ]);
  });

  it('shows the exact failure the server reports for a Postgres it cannot reach, without the password', async () => {
    const user = userEvent.setup();
    renderSettings(ui.api);
    await user.click(await screen.findByRole('radio', { name: 'Postgres' }));
    await user.click(screen.getByRole('textbox', { name: 'Postgres URL' }));
    await user.paste('postgres://x:pw@127.0.0.1:1/db');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent(/^cannot connect to postgres:\/\/x:\*+@127\.0\.0\.1:1\/db: .*refused/i);
    expect(failure.textContent).not.toContain('pw');
    expect(document.body.textContent).not.toContain(':pw@');
  });

  it('checks a Postgres URL against the shared schema before asking the server', async () => {
    const user = userEvent.setup();
    const test = vi.spyOn(ui.api, 'testDatabase');
    renderSettings(ui.api);
    await user.click(await screen.findByRole('radio', { name: 'Postgres' }));
    await user.type(screen.getByRole('textbox', { name: 'Postgres URL' }), 'mysql://db.local/tasks');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'the Postgres URL must start with postgres:// or postgresql://',
    );
    expect(test).not.toHaveBeenCalled();
  });
});

describePostgres('testing a Postgres connection from the settings form', () => {
  it('reports success with the server version', async () => {
    const user = userEvent.setup();
    renderSettings(ui.api);
    await user.click(await screen.findByRole('radio', { name: 'Postgres' }));
    await user.click(screen.getByRole('textbox', { name: 'Postgres URL' }));
    await user.paste(PG_TEST_URL);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/^Connected: Postgres \d+/)).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
