import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ToolCall } from '../../../shared/tool-call';
import { ApiProvider } from '../../lib/api-context';
import { LiveEventsProvider, useLiveEvents } from '../../lib/live-events';
import { startUiTestServer, type UiTestServer } from '../../testing/real-server';
import { ToolLogView } from './tool-log-view';

// The log reaches the database in batches, off the request path (main/tool-log).
const STORED_WITHIN = { timeout: 10_000 };
const MISSING_TASK = '019abcde-0123-7def-8abc-0123456789ab';

let ui: UiTestServer;
const restoreLayout: (() => void)[] = [];

beforeAll(async () => {
  ui = await startUiTestServer();
  // jsdom lays nothing out: every element measures 0 x 0, so the virtualizer
  // would see a 0 px tall log and render no rows. It reads the scroll
  // container's clientHeight/clientWidth, so only that container gets a size.
  for (const [property, size] of [
    ['clientHeight', 640],
    ['clientWidth', 1000],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('tool-log-scroll') ? size : 0;
      },
    });
    // jsdom's own getters live on Element.prototype; removing the override exposes them again.
    restoreLayout.push(() => Reflect.deleteProperty(HTMLElement.prototype, property));
  }
});

afterAll(async () => {
  for (const restore of restoreLayout) restore();
  await ui.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function LiveIndicator() {
  return useLiveEvents().connected ? <span>stream open</span> : null;
}

/** Renders the log against the real server and waits until the event stream is open. */
async function renderLog() {
  const user = userEvent.setup();
  render(
    <ApiProvider api={ui.api}>
      <LiveEventsProvider api={ui.api}>
        <LiveIndicator />
        <ToolLogView />
      </LiveEventsProvider>
    </ApiProvider>,
  );
  await screen.findByText('stream open');
  return user;
}

const log = () => screen.getByRole('list', { name: 'Tool calls' });

/** The row whose summary reads exactly `summary`. */
async function findRow(summary: string): Promise<HTMLElement> {
  const text = await within(log()).findByText(summary);
  const row = text.closest<HTMLElement>('[role="listitem"]');
  if (!row) throw new Error(`no row around ${summary}`);
  return row;
}

/** The log is written in batches; wait until the database has `count` calls from `client`. */
async function storedCalls(client: string, count: number): Promise<ToolCall[]> {
  let calls: ToolCall[] = [];
  await waitFor(async () => {
    calls = (await ui.api.toolCalls()).calls.filter((call) => call.client_label === client);
    expect(calls).toHaveLength(count);
  }, STORED_WITHIN);
  return calls;
}

/** Picks `option` from the labelled dropdown, as a person does: open it, click the option. */
async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByRole('button', { name: new RegExp(`${label}$`) }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('tool-call log', () => {
  it("shows an agent's call live with its client, tool, argument summary, outcome and duration", async () => {
    await renderLog();
    const agent = await ui.agent('Claude Code');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Buy milk', priority: 'high' } });

    const row = await findRow('title: "Buy milk", priority: "high"');
    expect(within(row).getByText('Claude Code')).toBeInTheDocument();
    expect(within(row).getByText('add_task')).toBeInTheDocument();
    expect(within(row).getByText('success')).toBeInTheDocument();
    expect(within(row).getByText(/^\d+(\.\d)? ms$/)).toBeInTheDocument();
    expect(within(row).getByText(/^\d\d:\d\d:\d\d$/)).toBeInTheDocument();
  });

  it('marks a failed call with its error code, and "Errors only" keeps just the failures', async () => {
    const user = await renderLog();
    const agent = await ui.agent('Error Maker');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Fine call' } });
    await agent.callTool({ name: 'get_task', arguments: { task_id: MISSING_TASK } });

    const failed = await findRow(`task_id: "${MISSING_TASK}"`);
    expect(within(failed).getByText('error not_found')).toBeInTheDocument();
    await findRow('title: "Fine call"');

    await user.click(screen.getByRole('button', { name: 'Errors only' }));
    expect(within(log()).queryByText('title: "Fine call"')).not.toBeInTheDocument();
    expect(within(log()).getByText(`task_id: "${MISSING_TASK}"`)).toBeInTheDocument();
  });

  it("opens a call's details with its arguments and result as formatted JSON", async () => {
    const user = await renderLog();
    const agent = await ui.agent('Detail Agent');
    const args = { title: 'Read <b>the</b> docs', tags: ['reading'] };
    await agent.callTool({ name: 'add_task', arguments: args });
    const row = await findRow('title: "Read <b>the</b> docs", tags: ["reading"]');

    await user.click(within(row).getByRole('button'));
    const dialog = await screen.findByRole('dialog', { name: 'add_task by Detail Agent' });
    const argumentsBlock = within(dialog).getByRole('region', { name: 'Arguments' }).querySelector('pre');
    expect(argumentsBlock?.textContent).toBe(JSON.stringify(args, null, 2));
    expect(within(dialog).getByRole('region', { name: 'Result' }).querySelector('pre')?.textContent).toContain(
      '"status": "success"',
    );
    // Agent text is shown as text, never as markup.
    expect(dialog.querySelector('b')).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    within(row).getByRole('button').focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'add_task by Detail Agent' })).toBeInTheDocument();
  });

  it('loads recent calls from the database when it opens', async () => {
    const agent = await ui.agent('Early Bird');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Made before the log opened' } });
    await storedCalls('Early Bird', 1);

    await renderLog();
    const row = await findRow('title: "Made before the log opened"');
    expect(within(row).getByText('Early Bird')).toBeInTheDocument();
  });

  it('filters by client and by tool', async () => {
    const user = await renderLog();
    const alpha = await ui.agent('Alpha Filter');
    const beta = await ui.agent('Beta Filter');
    await alpha.callTool({ name: 'add_task', arguments: { title: 'From alpha' } });
    await beta.callTool({ name: 'add_task', arguments: { title: 'From beta' } });
    await beta.callTool({ name: 'list_tasks', arguments: { query: 'beta' } });
    await findRow('title: "From alpha"');
    await findRow('query: "beta"');

    await choose(user, 'Client', 'Beta Filter');
    expect(within(log()).queryByText('title: "From alpha"')).not.toBeInTheDocument();
    expect(within(log()).getByText('title: "From beta"')).toBeInTheDocument();

    await choose(user, 'Tool', 'list_tasks');
    expect(within(log()).queryByText('title: "From beta"')).not.toBeInTheDocument();
    expect(within(log()).getByText('query: "beta"')).toBeInTheDocument();
    expect(within(log()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('holds new calls while paused and shows them on resume', async () => {
    const user = await renderLog();
    const agent = await ui.agent('Pause Agent');
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    await agent.callTool({ name: 'add_task', arguments: { title: 'Held back' } });

    expect(await screen.findByText('Paused, 1 new held')).toBeInTheDocument();
    expect(within(log()).queryByText('title: "Held back"')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await findRow('title: "Held back"')).toBeInTheDocument();
  });

  it('"Clear view" empties what is shown but not the database, and later calls still appear', async () => {
    const user = await renderLog();
    const agent = await ui.agent('Clear Agent');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Before clearing' } });
    await findRow('title: "Before clearing"');

    await user.click(screen.getByRole('button', { name: 'Clear view' }));
    expect(within(log()).queryAllByRole('listitem')).toHaveLength(0);
    expect(await storedCalls('Clear Agent', 1)).toHaveLength(1);

    await agent.callTool({ name: 'add_task', arguments: { title: 'After clearing' } });
    await findRow('title: "After clearing"');
    expect(within(log()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('exports exactly the shown calls as a JSON file', async () => {
    const user = await renderLog();
    const agent = await ui.agent('Export Agent');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Exported one' } });
    await agent.callTool({ name: 'get_task', arguments: { task_id: MISSING_TASK } });
    await agent.callTool({ name: 'add_task', arguments: { title: 'Exported two' } });
    await findRow('title: "Exported two"');
    await choose(user, 'Client', 'Export Agent');
    await choose(user, 'Tool', 'add_task');

    // jsdom implements neither object URLs nor downloads: capture the Blob and the link instead.
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:taskdesk-test';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(click).toHaveBeenCalledOnce();
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toMatch(/\.json$/);
    expect(link.href).toBe('blob:taskdesk-test');

    const exported = JSON.parse(await blobs[0]!.text()) as ToolCall[];
    const stored = (await storedCalls('Export Agent', 3)).filter((call) => call.tool === 'add_task');
    expect(exported).toEqual(stored);
    expect(exported.map((call) => call.arguments)).toEqual([{ title: 'Exported two' }, { title: 'Exported one' }]);
  });
});
