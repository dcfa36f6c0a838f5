import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import type { UiTestServer } from '../../testing/real-server';
import { callTool, findRow, renderTasksView, seedTask, useTasksTestServer } from '../../testing/tasks-test-kit';

let ui: UiTestServer;
let agent: Awaited<ReturnType<UiTestServer['agent']>>;
useTasksTestServer((server, claude) => {
  ui = server;
  agent = claude;
});

const agentReads = async (id: string) => (await callTool<{ task: Task }>(agent, 'get_task', { task_id: id })).task;
// What agents are told; a person must never read it.
const AGENT_WORDS = /expected_version|get_task|list_tasks|blocked_by/;

async function openPanel(user: ReturnType<typeof userEvent.setup>, title: string) {
  await user.click(within(await findRow(title)).getByRole('button', { name: `Edit ${title}` }));
  return screen.getByRole('region', { name: 'Edit task' });
}

describe('the edit panel’s claim, notes and history', () => {
  it('shows an agent’s claim and note live, and a person’s edit releases the claim and says so', async () => {
    const task = await seedTask(ui, { title: 'Ship the docs' });
    const user = userEvent.setup();
    const { streamOpen } = renderTasksView(ui);
    await findRow('Ship the docs');
    await streamOpen;
    const panel = await openPanel(user, 'Ship the docs');

    await callTool(agent, 'claim_task', { task_id: task.id, lease_seconds: 600 });
    await callTool(agent, 'add_note', { task_id: task.id, text: 'Drafted the intro' });
    const claim = await within(panel).findByRole('group', { name: 'Claim' });
    expect(claim).toHaveTextContent(/Claimed by Claude Code · (9|10) min left/);
    const notes = within(panel).getByRole('region', { name: 'Notes' });
    expect(await within(notes).findByText('Drafted the intro')).toBeInTheDocument();
    expect(notes).toHaveTextContent('Claude Code');

    const title = within(panel).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Ship the user docs');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    await findRow('Ship the user docs');
    expect((await agentReads(task.id)).claim).toBeNull();

    const reopened = await openPanel(user, 'Ship the user docs');
    const history = within(reopened).getByRole('region', { name: 'History' });
    expect(await within(history).findByText('Released Claude Code’s claim.')).toBeInTheDocument();
    expect(history).toHaveTextContent('You changed title');
    expect(history).toHaveTextContent('Title: Ship the docs → Ship the user docs');
  });

  it('shows a note written while the panel’s first read was on its way', async () => {
    const task = await seedTask(ui, { title: 'Index the logs' });
    const user = userEvent.setup();
    // The first read reaches the server before the note, and its answer is held until the note's event has arrived.
    let noteArrived: () => void = () => undefined;
    const noteEvent = new Promise<void>((resolve) => (noteArrived = resolve));
    let firstRead = true;
    const { streamOpen } = renderTasksView(ui, {
      onLiveEvent: (name, data) => {
        if (name === 'task' && (data as { task: Task }).task.id === task.id) noteArrived();
      },
      apiOverrides: {
        taskDetail: async (id, cursor) => {
          const answer = await ui.api.taskDetail(id, cursor);
          if (firstRead) {
            firstRead = false;
            await callTool(agent, 'add_note', { task_id: task.id, text: 'Rotated the old files' });
            await noteEvent;
          }
          return answer;
        },
      },
    });
    await findRow('Index the logs');
    await streamOpen;
    const panel = await openPanel(user, 'Index the logs');
    const notes = await within(panel).findByRole('region', { name: 'Notes' });
    expect(await within(notes).findByText('Rotated the old files')).toBeInTheDocument();
  });

  it('adds a note as the person and releases a claim with the Release button', async () => {
    const task = await seedTask(ui, { title: 'Review the plan' });
    await callTool(agent, 'claim_task', { task_id: task.id });
    const user = userEvent.setup();
    renderTasksView(ui);
    const panel = await openPanel(user, 'Review the plan');
    await user.type(within(panel).getByRole('textbox', { name: 'Add a note' }), 'Looks fine to me');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));
    const notes = within(panel).getByRole('region', { name: 'Notes' });
    expect(await within(notes).findByText('Looks fine to me')).toBeInTheDocument();
    await user.click(await within(panel).findByRole('button', { name: 'Release' }));
    await expect.poll(async () => (await agentReads(task.id)).claim).toBeNull();
    await waitFor(() => expect(within(panel).queryByRole('group', { name: 'Claim' })).toBeNull());
  });

  it('undoes one field change, and refuses in plain words when a newer change touched it', async () => {
    const task = await seedTask(ui, { title: 'Plan the trip', priority: 'low' });
    await callTool(agent, 'update_task', { task_id: task.id, priority: 'high' });
    await callTool(agent, 'update_task', { task_id: task.id, title: 'Plan the long trip' });
    await callTool(agent, 'update_task', { task_id: task.id, title: 'Plan the short trip' });
    const user = userEvent.setup();
    renderTasksView(ui);
    const panel = await openPanel(user, 'Plan the short trip');
    const history = within(panel).getByRole('region', { name: 'History' });

    await user.click(await within(history).findByRole('button', { name: 'Undo: Claude Code changed priority' }));
    await expect.poll(async () => (await agentReads(task.id)).priority).toBe('low');

    const titleUndos = within(history).getAllByRole('button', { name: 'Undo: Claude Code changed title' });
    await user.click(titleUndos.at(-1)!);
    const refusal = await within(panel).findByRole('alert');
    expect(refusal).toHaveTextContent('This change can’t be undone: the task was changed again afterwards.');
    expect(refusal.textContent).not.toMatch(AGENT_WORDS);
    expect((await agentReads(task.id)).title).toBe('Plan the short trip');
  });

  it('adds a blocker found by title, and refuses a cycle with a clear message', async () => {
    const first = await seedTask(ui, { title: 'Pour the foundation' });
    await seedTask(ui, { title: 'Raise the walls', blocked_by: [first.id] });
    const user = userEvent.setup();
    renderTasksView(ui);
    const panel = await openPanel(user, 'Pour the foundation');
    await user.type(within(panel).getByRole('combobox', { name: 'Add a blocker' }), 'Raise');
    await user.click(await screen.findByRole('option', { name: 'Raise the walls' }));
    const refusal = await within(panel).findByRole('alert');
    expect(refusal).toHaveTextContent(
      'That would make a loop: Pour the foundation → Raise the walls → Pour the foundation.',
    );
    expect(refusal.textContent).not.toMatch(AGENT_WORDS);
    expect((await agentReads(first.id)).blocked_by).toEqual([]);
  });

  it('adds a blocker and removes it again, and clears blockers that are done', async () => {
    const foundation = await seedTask(ui, { title: 'Dig the foundation' });
    const permit = await seedTask(ui, { title: 'Get the permit' });
    const walls = await seedTask(ui, { title: 'Build the walls' });
    const user = userEvent.setup();
    renderTasksView(ui);
    const panel = await openPanel(user, 'Build the walls');
    await user.type(within(panel).getByRole('combobox', { name: 'Add a blocker' }), 'Dig');
    await user.click(await screen.findByRole('option', { name: 'Dig the foundation' }));
    await waitFor(async () => expect((await agentReads(walls.id)).blocked_by).toEqual([foundation.id]));
    await user.click(await within(panel).findByRole('button', { name: 'Remove blocker Dig the foundation' }));
    await waitFor(async () => expect((await agentReads(walls.id)).blocked_by).toEqual([]));

    await callTool(agent, 'update_task', { task_id: walls.id, blocked_by: [permit.id, foundation.id] });
    await callTool(agent, 'complete_task', { task_id: permit.id });
    await within(panel).findByText('1 completed blocker no longer holds it back.');
    await user.click(within(panel).getByRole('button', { name: 'Clear completed blocker' }));
    await waitFor(async () => expect((await agentReads(walls.id)).blocked_by).toEqual([foundation.id]));
    expect(within(panel).queryByText(/completed blocker/)).toBeNull();
    // The history names every blocker it mentions, the done one too.
    const history = within(panel).getByRole('region', { name: 'History' });
    await waitFor(() => expect(history).toHaveTextContent('Get the permit'));
    expect(history.textContent).not.toContain('another task');
  });
});
