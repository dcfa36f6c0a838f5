import fs from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { connectOverHttp } from '../../../main/mcp/testing/snippet-transports';
import { ApiProvider } from '../../lib/api-context';
import { LiveEventsProvider } from '../../lib/live-events';
import { startUiTestServer, type UiTestServer } from '../../testing/real-server';
import { settingsKeeper } from '../../testing/settings-test-kit';
import { ClientSetupSection } from './client-setup';

let ui: UiTestServer | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

function renderSection(server: UiTestServer) {
  render(
    <ApiProvider api={server.api}>
      <LiveEventsProvider api={server.api}>
        <ClientSetupSection />
      </LiveEventsProvider>
    </ApiProvider>,
  );
}

const row = async (name: string) =>
  within(await screen.findByRole('list', { name: 'Clients on this computer' })).findByRole('listitem', { name });

describe('clients on this computer', () => {
  it('in a browser, shows each client’s state and the command that connects it, and writes nothing', async () => {
    ui = await startUiTestServer();
    fs.mkdirSync(path.join(ui.home, '.cursor'), { recursive: true });
    renderSection(ui);
    const cursor = await row('Cursor');
    expect(within(cursor).getByText('Not connected')).toBeInTheDocument();
    expect(within(cursor).getByText('npx taskdesk connect cursor')).toBeInTheDocument();
    expect(within(cursor).getByRole('button', { name: 'Copy the command that connects Cursor' })).toBeInTheDocument();
    expect(within(await row('Windsurf')).getByText('Not found on this computer')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Add to/ })).not.toBeInTheDocument();
    await expect(ui.api.connectClient('cursor')).rejects.toMatchObject({ status: 404 });
    expect(fs.readdirSync(path.join(ui.home, '.cursor'))).toEqual([]);
  });

  it('in the desktop app, adds TaskDesk to a client on one click, and the written entry connects', async () => {
    ui = await startUiTestServer({ desktop: settingsKeeper() });
    const file = path.join(ui.home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{\n  "mcpServers": { "other": { "command": "x" } }\n}\n');
    const user = userEvent.setup();
    renderSection(ui);
    await user.click(within(await row('Cursor')).getByRole('button', { name: 'Add to Cursor' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Wrote ${file} (the old file is kept beside it). Restart Cursor to load it.`,
    );
    expect(within(await row('Cursor')).getByText(/^Connected · not seen yet/)).toBeInTheDocument();
    // A client that is not on this computer gets no button: nothing is written into folders it does not have.
    expect(within(await row('Windsurf')).queryByRole('button')).not.toBeInTheDocument();

    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      mcpServers: Record<string, { url: string; headers: Record<string, string> }>;
    };
    expect(written.mcpServers.other).toEqual({ command: 'x' });
    const entry = written.mcpServers.taskdesk;
    const client = await connectOverHttp(entry?.url ?? '', { headers: entry?.headers ?? {} }, 'Cursor');
    expect((await client.listTools()).tools).toHaveLength(7);
    await client.close();
    const tokens = (await ui.api.tokens()).tokens.filter((token) => token.label === 'Cursor');
    expect(tokens).toHaveLength(1);
  });

  it('in the desktop app, says which file it could not read and why, and leaves it alone', async () => {
    ui = await startUiTestServer({ desktop: settingsKeeper() });
    const file = path.join(ui.home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ "mcpServers": ');
    const user = userEvent.setup();
    renderSection(ui);
    const cursor = await row('Cursor');
    expect(within(cursor).getByText(/^Needs attention: .*is not valid JSON/)).toBeInTheDocument();
    await user.click(within(cursor).getByRole('button', { name: 'Repair Cursor' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /Could not set up Cursor: .*mcp\.json is not valid JSON/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "mcpServers": ');
  });
});
