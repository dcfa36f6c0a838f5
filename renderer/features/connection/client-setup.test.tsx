import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { shellWords } from '../../../main/testing/snippet-parsers';
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
    expect(within(cursor).getByText(/^npx taskdesk connect cursor --port \d+ --db /)).toBeInTheDocument();
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
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['add_task', 'claim_task']),
    );
    await client.close();
    const tokens = (await ui.api.tokens()).tokens.filter((token) =>
      token.label.startsWith('Cursor (taskdesk connect, '),
    );
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

  it('in a browser, shows the exact command for this server and database, and that command connects the client', async () => {
    ui = await startUiTestServer();
    const file = path.join(ui.home, '.cursor', 'mcp.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    renderSection(ui);
    const database = path.join(ui.home, 'taskdesk.db');
    const command = `npx taskdesk connect cursor --port ${ui.server.port} --db ${database}`;
    expect(within(await row('Cursor')).getByText(command)).toBeInTheDocument();

    const [npx, taskdesk, ...args] = await shellWords(command);
    expect([npx, taskdesk]).toEqual(['npx', 'taskdesk']);
    // jsdom's import.meta.url is no file URL: the CLI is found from the repository root vitest runs in.
    const env = { ...process.env, HOME: ui.home, TASKDESK_PORT: '', TASKDESK_DATA_DIR: '', TASKDESK_DB: '' };
    const ran = await promisify(execFile)(process.execPath, [path.resolve('bin', 'taskdesk.js'), ...args], { env });
    expect(ran.stderr).toBe('');
    const cursor = (await ui.api.clients()).clients.find((client) => client.client === 'cursor');
    expect(cursor).toMatchObject({ verdict: 'ok', problems: [] });
  });

  it('never sends a token an entry holds to the page', async () => {
    ui = await startUiTestServer();
    const created = await ui.server.services.tokens.create({ label: 'Claude Desktop' });
    if (!created.ok) throw new Error(created.error.message);
    const file = path.join(ui.home, '.config', 'Claude', 'claude_desktop_config.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const header = `Authorization: Bearer ${created.value.token}`;
    const entry = { command: 'npx', args: ['-y', 'mcp-remote', ui.server.mcpUrl, '--header', header] };
    fs.writeFileSync(file, JSON.stringify({ mcpServers: { taskdesk: entry } }));
    const clients = await ui.api.clients();
    expect(clients.clients.find((client) => client.client === 'claude-desktop')?.verdict).toBe('problem');
    expect(JSON.stringify(clients)).not.toContain('tdk_');
  });

  it('in the desktop app, a setup that cannot be made says so and leaves no token behind', async () => {
    ui = await startUiTestServer({ desktop: settingsKeeper() });
    const file = path.join(ui.home, '.codeium', 'windsurf', 'mcp_config.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ "mcpServers": null }\n');
    const user = userEvent.setup();
    renderSection(ui);
    for (let attempt = 0; attempt < 2; attempt++) {
      await user.click(within(await row('Windsurf')).getByRole('button', { name: /Windsurf$/ }));
      expect(await screen.findByRole('status')).toHaveTextContent(/cannot edit this layout: /);
    }
    expect((await ui.api.tokens()).tokens.filter((token) => !token.revoked_at)).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "mcpServers": null }\n');
  });
});
