import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import type { UiTestServer } from '../../testing/real-server';
import {
  callTool,
  findRow,
  renderTasksView,
  rowTitles,
  seedTask,
  useTasksTestServer,
} from '../../testing/tasks-test-kit';

let ui: UiTestServer;
let agent: Awaited<ReturnType<UiTestServer['agent']>>;
useTasksTestServer((server, claude) => {
  ui = server;
  agent = claude;
});

const agentReads = async (id: string) => (await callTool<{ task: Task }>(agent, 'get_task', { task_id: id })).task;

describe('opening and completing a task', () => {
  it('opens the task when its title is clicked, and completes nothing', async () => {
    const task = await seedTask(ui, { title: 'Read the contract' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow('Read the contract')).getByRole('button', { name: 'Read the contract' }));
    expect(await screen.findByRole('region', { name: 'Edit task' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Read the contract' })).not.toBeChecked();
    expect((await agentReads(task.id)).completed).toBe(false);
  });

  it('opens the task with Enter on its focused title', async () => {
    await seedTask(ui, { title: 'Call the bank' });
    const user = userEvent.setup();
    renderTasksView(ui);
    within(await findRow('Call the bank'))
      .getByRole('button', { name: 'Call the bank' })
      .focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('region', { name: 'Edit task' })).toBeInTheDocument();
  });

  it('completes with the checkbox, keeps the row a moment marked completed, and offers Undo', async () => {
    const task = await seedTask(ui, { title: 'Renew the lease' });
    await seedTask(ui, { title: 'Stays open' });
    const user = userEvent.setup();
    const { streamOpen } = renderTasksView(ui);
    await streamOpen;
    await user.click(await screen.findByRole('checkbox', { name: 'Renew the lease' }));

    const row = await findRow('Renew the lease');
    await waitFor(() => expect(within(row).getByRole('checkbox', { name: 'Renew the lease' })).toBeChecked());
    expect(await within(row).findByText('Completed by you')).toBeVisible();
    const toast = screen.getByRole('region', { name: 'Notifications' });
    expect(toast).toHaveTextContent('Completed Renew the lease');
    expect((await agentReads(task.id)).completed).toBe(true);

    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await agentReads(task.id)).completed).toBe(false));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Renew the lease' })).not.toBeChecked());
    expect(rowTitles()).toEqual(['Stays open', 'Renew the lease']);
  });

  it('lets a completed row leave the Open view after its moment', async () => {
    await seedTask(ui, { title: 'Leaves soon' });
    const user = userEvent.setup();
    const { streamOpen } = renderTasksView(ui);
    await streamOpen;
    await user.click(await screen.findByRole('checkbox', { name: 'Leaves soon' }));
    expect(await screen.findByText('Completed by you')).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Leaves soon' })).not.toBeInTheDocument());
  });
});
