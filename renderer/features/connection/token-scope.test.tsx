import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/task';
import { connectClient, type Client } from '../../../main/mcp/testing/connect-client';
import { renderConnectionPanel } from '../../testing/connection-test-kit';
import { startUiTestServer, type UiTestServer } from '../../testing/real-server';

const TOKEN_PATTERN = /tdk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/;

let ui: UiTestServer;
let agent: Client | undefined;

beforeAll(async () => {
  ui = await startUiTestServer();
});

afterAll(async () => {
  await agent?.close();
  await ui.close();
});

const renderPanel = () => renderConnectionPanel(ui);

interface Envelope {
  status: string;
  data?: { projects?: ProjectSummary[] };
  error?: { code: string };
}

describe('connection panel: scoped tokens', () => {
  it('creates a read-only token limited to an existing and a new project, and shows both on its card', async () => {
    await ui.api.createProject('Website');
    await ui.api.createProject('Payroll');
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Connect Other (curl)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Other (curl)' });

    const projects = within(dialog).getByRole('group', { name: 'Limit to projects' });
    await user.click(await within(projects).findByRole('checkbox', { name: 'Website' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'New project name' }), 'Mobile');
    await user.click(within(dialog).getByRole('button', { name: 'Add project' }));
    expect(within(projects).getByRole('checkbox', { name: 'Mobile' })).toBeChecked();
    expect(within(projects).getByRole('checkbox', { name: 'Payroll' })).not.toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: /^Read-only/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create a token for Other (curl)' }));

    expect(await within(dialog).findByText(/shown only now/)).toBeInTheDocument();
    const secret = TOKEN_PATTERN.exec(document.body.textContent)?.[0];
    expect(secret).toBeDefined();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    const card = await within(screen.getByRole('list', { name: 'Client tokens' })).findByRole('listitem', {
      name: 'curl',
    });
    expect(within(card).getByText('Projects: Website, Mobile · read-only')).toBeInTheDocument();
    const stored = (await ui.api.tokens()).tokens.find((token) => token.label === 'curl');
    expect(stored).toMatchObject({ read_only: true });
    expect(stored?.projects?.map((project) => project.name)).toEqual(['Website', 'Mobile']);

    if (!secret) return;
    agent = await connectClient(ui.server.mcpUrl, secret, 'curl');
    const refused = await agent.callTool({ name: 'add_task', arguments: { title: 'Not allowed' } });
    expect((refused.structuredContent as Envelope).error?.code).toBe('forbidden');
    const listed = await agent.callTool({ name: 'list_projects', arguments: {} });
    const names = (listed.structuredContent as Envelope).data?.projects?.map((project) => project.name);
    expect(names?.sort()).toEqual(['Mobile', 'Website']);
  });

  it('closes on Escape until a token is shown, and then only by its Close button', async () => {
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Connect Cursor' }));
    await screen.findByRole('dialog', { name: 'Connect Cursor' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Connect Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor' });
    await user.click(within(dialog).getByRole('button', { name: 'Create a token for Cursor' }));
    expect(await within(dialog).findByText(/shown only now/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Connect Cursor' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
