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

async function threeTasks() {
  const first = await seedTask(ui, { title: 'First' });
  const second = await seedTask(ui, { title: 'Second' });
  const third = await seedTask(ui, { title: 'Third' });
  const user = userEvent.setup();
  const { streamOpen } = renderTasksView(ui);
  await findRow('First');
  await streamOpen;
  return { user, first, second, third };
}

describe('the keyboard', () => {
  it('reaches the list in one Tab stop and moves through it with arrows and j/k', async () => {
    const { user } = await threeTasks();
    screen.getByRole('textbox', { name: 'Add task' }).focus();
    const list = screen.getByRole('list', { name: 'Tasks' });
    while (!list.contains(document.activeElement)) await user.tab();
    expect(document.activeElement).toBe(await findRow('Third'));
    await user.tab();
    expect(list.contains(document.activeElement)).toBe(false);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(await findRow('Third'));
    await user.keyboard('j');
    expect(document.activeElement).toBe(await findRow('Second'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(await findRow('First'));
    await user.keyboard('k{ArrowUp}');
    expect(document.activeElement).toBe(await findRow('Third'));
  });

  it('completes with x, opens with Enter, deletes with Delete and undoes with z', async () => {
    const { user, second, third } = await threeTasks();
    (await findRow('Third')).focus();
    await user.keyboard('x');
    await waitFor(async () => expect((await agentReads(third.id)).completed).toBe(true));
    await user.keyboard('z');
    await waitFor(async () => expect((await agentReads(third.id)).completed).toBe(false));

    (await findRow('Second')).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('region', { name: 'Edit task' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Edit task' })).not.toBeInTheDocument();
    await waitFor(async () => expect(document.activeElement).toBe(await findRow('Second')));

    (await findRow('Second')).focus();
    await user.keyboard('{Delete}');
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Second' })).not.toBeInTheDocument());
    expect(document.activeElement).toBe(await findRow('First'));
    await user.keyboard('z');
    await findRow('Second');
    expect((await agentReads(second.id)).deleted_at).toBeNull();
  });

  it('asks before Escape throws away unsaved edits, and gives the focus back to the row', async () => {
    const { user, second } = await threeTasks();
    (await findRow('Second')).focus();
    await user.keyboard('e');
    const panel = await screen.findByRole('region', { name: 'Edit task' });
    await user.type(within(panel).getByRole('textbox', { name: 'Title' }), ' draft');
    await user.keyboard('{Escape}');
    const ask = within(panel).getByRole('alertdialog', { name: 'Discard changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(within(panel).getByRole('textbox', { name: 'Title' })).toHaveValue('Second draft');
    await user.keyboard('{Escape}');
    await user.click(within(panel).getByRole('button', { name: 'Discard changes' }));
    expect(screen.queryByRole('region', { name: 'Edit task' })).not.toBeInTheDocument();
    await waitFor(async () => expect(document.activeElement).toBe(await findRow('Second')));
    expect((await agentReads(second.id)).title).toBe('Second');
  });

  it('puts the cursor in search with /, in the Add box with n, lists the keys with ?, and never while typing', async () => {
    await threeTasks();
    const user = userEvent.setup();
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    await user.keyboard('n');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('n');
    await user.click(document.body);
    await user.keyboard('n');
    expect(screen.getByRole('textbox', { name: 'Add task' })).toHaveFocus();
    await user.click(document.body);
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help).toHaveTextContent('Complete the task');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
