import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient } from '../../../main/mcp/testing/connect-client';
import { renderConnectionPanel } from '../../testing/connection-test-kit';
import { startUiTestServer, type UiTestServer } from '../../testing/real-server';

// Usage reaches the database in batches, off the request path (main/tool-log).
const STORED_WITHIN = { timeout: 10_000 };
const TOKEN_PATTERN = /tdk_([a-z0-9]{12})_[A-Za-z0-9_-]{43}/;

let ui: UiTestServer;
const closeAfter: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  ui = await startUiTestServer();
});

afterAll(async () => {
  await Promise.all(closeAfter.map((client) => client.close()));
  await ui.close();
});

const renderPanel = () => renderConnectionPanel(ui);

const card = (label: string) =>
  within(screen.getByRole('list', { name: 'Client tokens' })).findByRole('listitem', { name: label });

/** An SDK client holding `secret`, as the pasted snippet would make one. */
async function agentWith(secret: string, name: string) {
  const client = await connectClient(ui.server.mcpUrl, secret, name);
  closeAfter.push(client);
  return client;
}

describe('connection panel', () => {
  it('shows the MCP URL, the server status and every client token with its use', async () => {
    await ui.api.createToken('Idle Client');
    const busy = await ui.api.createToken('Busy Client');
    await (await agentWith(busy.token, 'busy')).callTool({ name: 'list_tasks', arguments: {} });
    await waitFor(async () => {
      const stored = (await ui.api.tokens()).tokens.find((token) => token.id === busy.id);
      expect(stored?.call_count).toBe(1);
    }, STORED_WITHIN);

    await renderPanel();
    expect(await screen.findByText(ui.server.mcpUrl)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy MCP URL' })).toBeInTheDocument();
    expect(screen.getByText(/^Listening/)).toBeInTheDocument();
    expect(screen.getByText('SQLite', { exact: false })).toBeInTheDocument();

    const idle = await card('Idle Client');
    expect(within(idle).getByText('not connected yet')).toBeInTheDocument();
    expect(within(idle).getByText(/never used · 0 calls/)).toBeInTheDocument();
    const used = await card('Busy Client');
    expect(within(used).getByText('active now')).toBeInTheDocument();
    expect(within(used).getByText(/last seen just now · 1 call/)).toBeInTheDocument();
  });

  it('creates a token for Claude Code, shows its snippet once, and flips its card to connected on its first call', async () => {
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Connect Claude Code' }));

    const dialog = await screen.findByRole('dialog', { name: 'Connect Claude Code' });
    // Looking creates nothing: the token comes only from the explicit button.
    expect((await ui.api.tokens()).tokens.filter((token) => token.label === 'Claude Code')).toEqual([]);
    expect(within(dialog).queryByRole('region', { name: 'Add TaskDesk to Claude Code' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create a token for Claude Code' }));
    expect(await within(dialog).findByText(/shown only now/)).toBeInTheDocument();
    const snippet = within(dialog).getByRole('region', { name: 'Add TaskDesk to Claude Code' });
    const text = snippet.querySelector('pre')?.textContent ?? '';
    expect(text).toContain(ui.server.mcpUrl);
    const secret = TOKEN_PATTERN.exec(text)?.[0];
    expect(secret).toBeDefined();
    if (!secret) return;

    await user.click(within(snippet).getByRole('button', { name: 'Copy Add TaskDesk to Claude Code' }));
    expect(await navigator.clipboard.readText()).toBe(text);

    const stored = (await ui.api.tokens()).tokens.find((token) => token.label === 'Claude Code');
    expect(stored?.id).toBe(TOKEN_PATTERN.exec(secret)?.[1]);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body.textContent).not.toContain(secret);
    expect(within(await card('Claude Code')).getByText('not connected yet')).toBeInTheDocument();

    const refetches = vi.spyOn(ui.api, 'tokens');
    await (await agentWith(secret, 'claude-code')).callTool({ name: 'add_task', arguments: { title: 'First call' } });
    const connected = await card('Claude Code');
    await waitFor(() => expect(within(connected).getByText('active now')).toBeInTheDocument());
    expect(within(connected).getByText(/last seen just now · 1 call/)).toBeInTheDocument();
    // The live tool_call event flipped the card; the list was not fetched again.
    expect(refetches).not.toHaveBeenCalled();
    refetches.mockRestore();
  });

  it("offers Cursor's install link beside its snippet", async () => {
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Connect Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor' });
    await user.click(within(dialog).getByRole('button', { name: 'Create a token for Cursor' }));
    expect(await within(dialog).findByRole('link', { name: 'Open in Cursor' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^cursor:\/\/anysphere\.cursor-deeplink\/mcp\/install\?/),
    );
    expect(within(dialog).getByRole('button', { name: 'Copy Add TaskDesk to Cursor' })).toBeInTheDocument();
  });

  it('creates no token for looking, and shows Claude Desktop’s stdio entry without one', async () => {
    const before = (await ui.api.tokens()).tokens.length;
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Connect Claude Desktop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Claude Desktop' });
    const stdio = within(dialog).getByRole('region', { name: /^Run TaskDesk over stdio/ });
    expect(stdio.querySelector('pre')?.textContent).toContain('"stdio"');
    expect(within(dialog).queryByRole('region', { name: /mcp-remote/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByText(/shown only now/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Connect VS Code' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Connect VS Code' })).getByRole('button', { name: 'Close' }),
    );
    expect((await ui.api.tokens()).tokens.length).toBe(before);
  });

  it('revokes a token only after confirmation, and its client is then refused with 401', async () => {
    const doomed = await ui.api.createToken('Doomed Client');
    const agent = await agentWith(doomed.token, 'doomed');
    await agent.callTool({ name: 'list_tasks', arguments: {} });

    const user = await renderPanel();
    const before = await card('Doomed Client');
    await user.click(within(before).getByRole('button', { name: 'Revoke Doomed Client' }));
    await user.click(within(before).getByRole('button', { name: 'Cancel' }));
    expect((await ui.api.tokens()).tokens.find((token) => token.id === doomed.id)?.revoked_at).toBeNull();

    await user.click(within(before).getByRole('button', { name: 'Revoke Doomed Client' }));
    await user.click(within(before).getByRole('button', { name: 'Yes, revoke Doomed Client' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Doomed Client' })).not.toBeInTheDocument());

    await user.click(screen.getByRole('checkbox', { name: /Show revoked/ }));
    expect(within(await card('Doomed Client')).getByText('revoked')).toBeInTheDocument();

    // The SDK's StreamableHTTPError carries the HTTP status as `code`.
    await expect(agent.callTool({ name: 'list_tasks', arguments: {} })).rejects.toMatchObject({ code: 401 });
    await expect(connectClient(ui.server.mcpUrl, doomed.token)).rejects.toMatchObject({ code: 401 });
  });
});
