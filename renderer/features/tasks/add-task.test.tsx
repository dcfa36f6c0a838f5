import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TaskPage } from '../../../shared/task';
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

async function listedTitles(): Promise<string[]> {
  const page = await callTool<TaskPage>(agent, 'list_tasks', { status: 'all' });
  return page.tasks.map((task) => task.title);
}

describe('adding tasks', () => {
  it('says what to do next when there are no tasks at all', async () => {
    renderTasksView(ui);
    expect(await screen.findByRole('heading', { name: 'Add your first task' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Connect an agent' })).toBeVisible();
    expect(screen.getByText(/Connection tab/)).toBeVisible();
  });

  it('says so when the filters match nothing', async () => {
    await seedTask(ui, { title: 'Water the plants' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await screen.findByRole('checkbox', { name: 'Water the plants' });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nothing like this');
    expect(await screen.findByText('No tasks match these filters')).toBeVisible();
    expect(screen.queryByText('Add your first task')).not.toBeInTheDocument();
  });

  it('"Clear filters" shows every task, so completed tasks hidden by the default Open filter appear', async () => {
    const done = await seedTask(ui, { title: 'Filed the taxes' });
    await ui.server.services.tasks.complete('local', { task_id: done.id });
    const user = userEvent.setup();
    renderTasksView(ui);
    expect(await screen.findByText('No tasks match these filters')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('checkbox', { name: 'Filed the taxes' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
  });

  it('says what to do next once the last task is deleted from the list', async () => {
    await seedTask(ui, { title: 'Only task' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow('Only task')).getByRole('button', { name: 'Delete Only task' }));
    expect(await screen.findByRole('heading', { name: 'Add your first task' })).toBeVisible();
    expect(screen.queryByText('No tasks match these filters')).not.toBeInTheDocument();
  });

  it('says what to do next once an agent deletes the last task, even one hidden by the filters', async () => {
    const open = await seedTask(ui, { title: 'Open one' });
    const done = await seedTask(ui, { title: 'Done one' });
    await ui.server.services.tasks.complete('local', { task_id: done.id });
    const { streamOpen } = renderTasksView(ui);
    await findRow('Open one');
    await streamOpen;
    await callTool(agent, 'delete_task', { task_id: open.id });
    expect(await screen.findByText('No tasks match these filters')).toBeVisible();
    await callTool(agent, 'delete_task', { task_id: done.id });
    // Read and checked in one step: the empty state can be drawn again by the refetch that follows the event.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Add your first task' })).toBeVisible());
  });

  it('adds a task on Enter, and the agent lists it', async () => {
    const user = userEvent.setup();
    renderTasksView(ui);
    const input = screen.getByRole('textbox', { name: 'Add task' });
    await user.type(input, 'Buy oat milk{Enter}');
    expect(await screen.findByRole('checkbox', { name: 'Buy oat milk' })).not.toBeChecked();
    expect(input).toHaveValue('');
    expect(await listedTitles()).toEqual(['Buy oat milk']);
  });

  it('shows markup in an agent-supplied title as text', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    await callTool(agent, 'add_task', { title: markup, tags: ['<b>bold</b>'] });
    renderTasksView(ui);
    const row = await findRow(markup);
    expect(within(row).getByText(markup)).toBeVisible();
    expect(within(row).getByText('<b>bold</b>')).toBeVisible();
    expect(document.querySelector('img, b')).toBeNull();
  });

  it('keeps the list on screen while a new task is being added', async () => {
    await seedTask(ui, { title: 'Existing task' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await screen.findByRole('checkbox', { name: 'Existing task' });
    await user.type(screen.getByRole('textbox', { name: 'Add task' }), 'Second task{Enter}');
    await waitFor(() => expect(rowTitles()).toEqual(['Second task', 'Existing task']));
  });
});
