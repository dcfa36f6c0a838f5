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

async function replaceText(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  if (text) await user.type(field, text);
}

describe('editing and deleting', () => {
  it('saves only the changed fields from the side panel; emptied fields are cleared', async () => {
    const task = await seedTask(ui, {
      title: 'Plan trip',
      description: 'Somewhere warm',
      due_date: '2099-06-01',
      tags: ['travel'],
    });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow('Plan trip')).getByRole('button', { name: 'Edit Plan trip' }));
    const panel = screen.getByRole('region', { name: 'Edit task' });
    await replaceText(user, within(panel).getByRole('textbox', { name: 'Title' }), 'Plan the holiday');
    await replaceText(user, within(panel).getByRole('textbox', { name: 'Description' }), '');
    await replaceText(user, within(panel).getByRole('textbox', { name: 'Due date' }), '');
    await replaceText(user, within(panel).getByRole('textbox', { name: 'Tags' }), 'travel, Summer');
    await user.click(within(panel).getByRole('button', { name: /Priority$/ }));
    await user.click(await screen.findByRole('option', { name: 'High' }));
    await user.click(within(panel).getByRole('button', { name: 'Save' }));

    await findRow('Plan the holiday');
    expect(screen.queryByRole('region', { name: 'Edit task' })).not.toBeInTheDocument();
    expect(await agentReads(task.id)).toMatchObject({
      title: 'Plan the holiday',
      description: null,
      due_date: null,
      priority: 'high',
      tags: ['travel', 'summer'],
      version: 2,
    });
  });

  it("shows the server's conflict message when the task changed since the panel opened", async () => {
    const task = await seedTask(ui, { title: 'Water the garden' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow('Water the garden')).getByRole('button', { name: 'Edit Water the garden' }));
    await callTool(agent, 'update_task', { task_id: task.id, priority: 'low' });
    const panel = screen.getByRole('region', { name: 'Edit task' });
    await replaceText(user, within(panel).getByRole('textbox', { name: 'Title' }), 'Water the roses');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));

    const conflict = await ui.api.updateTask(task.id, { title: 'x', expected_version: 1 }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(Error);
    expect(await within(panel).findByRole('alert')).toHaveTextContent((conflict as Error).message);
    expect((await agentReads(task.id)).title).toBe('Water the garden');
  });

  it('deleting offers Undo, which restores the task', async () => {
    const task = await seedTask(ui, { title: 'Cancel gym' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow('Cancel gym')).getByRole('button', { name: 'Delete Cancel gym' }));
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Cancel gym' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await findRow('Cancel gym');
    expect((await agentReads(task.id)).deleted_at).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('lists deleted tasks under Recently deleted, each with a Restore button', async () => {
    const task = await seedTask(ui, { title: 'Return library book' });
    await callTool(agent, 'delete_task', { task_id: task.id });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(await screen.findByRole('button', { name: 'Recently deleted' }));
    const deleted = await screen.findByRole('list', { name: 'Recently deleted' });
    await user.click(within(deleted).getByRole('button', { name: 'Restore Return library book' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Restore Return library book' })).not.toBeInTheDocument(),
    );
    expect((await agentReads(task.id)).deleted_at).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Recently deleted' }));
    await findRow('Return library book');
  });
});
