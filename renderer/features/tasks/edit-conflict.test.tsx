import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import { localDateString, relativeDay } from '../../lib/dates';
import type { UiTestServer } from '../../testing/real-server';
import { callTool, findRow, renderTasksView, seedTask, useTasksTestServer } from '../../testing/tasks-test-kit';

let ui: UiTestServer;
let agent: Awaited<ReturnType<UiTestServer['agent']>>;
useTasksTestServer((server, claude) => {
  ui = server;
  agent = claude;
});

const agentReads = async (id: string) => (await callTool<{ task: Task }>(agent, 'get_task', { task_id: id })).task;
// What agents are told on a conflict; a person must never read it.
const AGENT_WORDS = /expected_version|get_task|reapply/;

async function openAndRetitle(user: ReturnType<typeof userEvent.setup>, title: string, retitled: string) {
  await user.click(within(await findRow(title)).getByRole('button', { name: `Edit ${title}` }));
  const panel = screen.getByRole('region', { name: 'Edit task' });
  const field = within(panel).getByRole('textbox', { name: 'Title' });
  await user.clear(field);
  await user.type(field, retitled);
  return panel;
}

describe('an edit that meets an agent’s change', () => {
  it('says in the panel what the agent changed while it was open, keeps the draft, and saves it on top', async () => {
    const task = await seedTask(ui, { title: 'Water the garden', description: 'Front and back' });
    const user = userEvent.setup();
    const { streamOpen } = renderTasksView(ui);
    await findRow('Water the garden');
    await streamOpen;
    const panel = await openAndRetitle(user, 'Water the garden', 'Water the roses');

    await callTool(agent, 'update_task', { task_id: task.id, priority: 'low', description: 'Back only' });
    const notice = await within(panel).findByText('Claude Code changed this task while you were editing it.');
    const said = notice.parentElement!;
    expect(said).toHaveTextContent('PriorityNow: Low');
    expect(said).toHaveTextContent('DescriptionNow: Back only');
    expect(within(panel).getByRole('textbox', { name: 'Title' })).toHaveValue('Water the roses');
    // What the person did not touch now shows the agent's value.
    expect(within(panel).getByRole('textbox', { name: 'Description' })).toHaveValue('Back only');

    await user.click(within(panel).getByRole('button', { name: 'Save mine on top' }));
    await findRow('Water the roses');
    expect(await agentReads(task.id)).toMatchObject({
      title: 'Water the roses',
      priority: 'low',
      description: 'Back only',
      version: 3,
    });
  });

  it('on a save that meets a change it had not seen, keeps the draft and says what changed in plain words', async () => {
    const task = await seedTask(ui, { title: 'Book the venue' });
    const user = userEvent.setup();
    // The stream misses the agent's change (a dropped connection), so only the save finds out.
    const { streamOpen } = renderTasksView(ui, { passLiveEvent: (name) => name !== 'task' });
    await findRow('Book the venue');
    await streamOpen;
    const panel = await openAndRetitle(user, 'Book the venue', 'Book the bigger venue');
    await callTool(agent, 'update_task', { task_id: task.id, due_date: '2099-03-01' });

    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    expect(await within(panel).findByText('Someone changed this task while you were editing it.')).toBeVisible();
    expect(panel).toHaveTextContent(`Due dateNow: ${relativeDay('2099-03-01', localDateString(new Date()))}`);
    expect(panel).not.toHaveTextContent(AGENT_WORDS);
    expect(within(panel).getByRole('textbox', { name: 'Title' })).toHaveValue('Book the bigger venue');
    expect((await agentReads(task.id)).title).toBe('Book the venue');

    await user.click(within(panel).getByRole('button', { name: 'Save mine on top' }));
    await expect.poll(async () => (await agentReads(task.id)).title).toBe('Book the bigger venue');
    expect((await agentReads(task.id)).due_date).toBe('2099-03-01');
  });

  it('lets the person drop their draft for the agent’s version instead', async () => {
    const task = await seedTask(ui, { title: 'Fix the gate' });
    const user = userEvent.setup();
    const { streamOpen } = renderTasksView(ui);
    await findRow('Fix the gate');
    await streamOpen;
    const panel = await openAndRetitle(user, 'Fix the gate', 'Fix the gate latch');
    await callTool(agent, 'update_task', { task_id: task.id, title: 'Replace the gate' });
    await within(panel).findByText('Claude Code changed this task while you were editing it.');
    expect(panel).toHaveTextContent('TitleNow: Replace the gate · yours is kept below and saved on top');

    await user.click(within(panel).getByRole('button', { name: 'Discard mine, use this version' }));
    expect(within(panel).getByRole('textbox', { name: 'Title' })).toHaveValue('Replace the gate');
    expect(within(panel).queryByText(/changed this task/)).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });
});
