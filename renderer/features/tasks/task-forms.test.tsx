import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits';
import type { Task, TaskPage } from '../../../shared/task';
import { addDays, localDateString } from '../../lib/dates';
import type { UiTestServer } from '../../testing/real-server';
import { callTool, findRow, renderTasksView, seedTask, useTasksTestServer } from '../../testing/tasks-test-kit';

let ui: UiTestServer;
let agent: Awaited<ReturnType<UiTestServer['agent']>>;
useTasksTestServer((server, claude) => {
  ui = server;
  agent = claude;
});

const today = () => localDateString(new Date());
// The shared schema's words for models: field names in snake_case, "must be", "got".
const MACHINE_WORDS = /due_date|must be|; got|YYYY-MM-DD/;
const listed = async () => (await callTool<TaskPage>(agent, 'list_tasks', { status: 'all' })).tasks;
const agentReads = async (id: string) => (await callTool<{ task: Task }>(agent, 'get_task', { task_id: id })).task;

/** The message shown for a field: what its aria-describedby points at, marked invalid. */
function messageFor(field: HTMLElement): string {
  expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the Add box', () => {
  it('says what is wrong with a title in plain words, next to the box, and adds nothing', async () => {
    const user = userEvent.setup();
    renderTasksView(ui);
    const input = screen.getByRole('textbox', { name: 'Add task' });
    await user.type(input, '   {Enter}');
    expect(messageFor(input)).toContain('Give the task a title.');
    await user.click(input);
    await user.paste('x'.repeat(LIMITS.titleMax + 5));
    await user.keyboard('{Enter}');
    expect(messageFor(input)).toContain(`The title can be at most ${LIMITS.titleMax} characters; this one has 205.`);
    expect(screen.getByRole('alert')).not.toHaveTextContent(MACHINE_WORDS);
    expect(await listed()).toEqual([]);
  });

  it('counts the characters once the title nears its limit', async () => {
    const user = userEvent.setup();
    renderTasksView(ui);
    const input = screen.getByRole('textbox', { name: 'Add task' });
    await user.click(input);
    await user.paste('y'.repeat(100));
    expect(screen.queryByText(`100/${LIMITS.titleMax}`)).not.toBeInTheDocument();
    await user.paste('y'.repeat(90));
    expect(screen.getByText(`190/${LIMITS.titleMax}`)).toBeVisible();
  });

  it('understands #tags, !priority and a due date in words, and says what it will add', async () => {
    const user = userEvent.setup();
    renderTasksView(ui);
    const input = screen.getByRole('textbox', { name: 'Add task' });
    expect(input).toHaveAttribute('placeholder', expect.stringMatching(/#\w+.*!high/));
    await user.type(input, 'Call mum tomorrow #Family #family !high');
    expect(screen.getByText('Adds “Call mum”: due Tomorrow · #family · High priority')).toBeVisible();
    await user.keyboard('{Enter}');
    await findRow('Call mum');
    expect((await listed())[0]).toMatchObject({
      title: 'Call mum',
      tags: ['family'],
      priority: 'high',
      due_date: addDays(today(), 1),
    });
  });
});

describe('the edit panel', () => {
  async function openPanel(title: string) {
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(within(await findRow(title)).getByRole('button', { name: `Edit ${title}` }));
    return { user, panel: screen.getByRole('region', { name: 'Edit task' }) };
  }

  it('puts each problem next to its field in plain words, and saves nothing', async () => {
    const task = await seedTask(ui, { title: 'Plan the party' });
    const { user, panel } = await openPanel('Plan the party');
    const title = within(panel).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    const due = within(panel).getByRole('textbox', { name: 'Due date' });
    await user.type(due, 'someday');
    await user.click(within(panel).getByRole('button', { name: 'Save' }));

    expect(messageFor(title)).toContain('Give the task a title.');
    expect(messageFor(due)).toContain('“someday” is not a date TaskDesk understands.');
    expect(panel).not.toHaveTextContent(MACHINE_WORDS);
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
    expect(await agentReads(task.id)).toMatchObject({ title: 'Plan the party', version: 1 });

    await user.type(title, 'Plan the surprise party');
    expect(title).not.toHaveAttribute('aria-invalid', 'true');
    expect(messageFor(due)).toContain('someday');
  });

  it('reads a due date in words and shows the date they mean', async () => {
    const task = await seedTask(ui, { title: 'Send the invoice' });
    const { user, panel } = await openPanel('Send the invoice');
    const due = within(panel).getByRole('textbox', { name: 'Due date' });
    await user.type(due, 'friday');
    const friday = new Date();
    friday.setDate(friday.getDate() + ((5 - friday.getDay() + 6) % 7) + 1);
    const expected = localDateString(friday);
    expect(panel).toHaveTextContent(friday.toLocaleDateString(undefined, { weekday: 'long' }));
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    await expect.poll(async () => (await agentReads(task.id)).due_date).toBe(expected);
  });

  it('keeps tags as chips that merge case duplicates, and offers tags already in use', async () => {
    await seedTask(ui, { title: 'Other task', tags: ['garden', 'home'] });
    const task = await seedTask(ui, { title: 'Mow the lawn', tags: ['home'] });
    const { user, panel } = await openPanel('Mow the lawn');
    const tags = within(panel).getByRole('combobox', { name: 'Tags' });
    await user.type(tags, 'Weekend{Enter}HOME{Enter}weekend,');
    const chips = within(panel).getByRole('list', { name: 'Tags on this task' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((chip) => chip.textContent),
    ).toEqual(['home', 'weekend']);
    const offered = [...document.querySelectorAll(`#${CSS.escape(tags.getAttribute('list') ?? '')} option`)];
    expect(offered.map((option) => option.getAttribute('value'))).toEqual(['garden']);

    await user.click(within(chips).getByRole('button', { name: 'Remove tag home' }));
    await user.click(within(panel).getByRole('button', { name: 'Save' }));
    await expect.poll(async () => (await agentReads(task.id)).tags).toEqual(['weekend']);
  });

  it('wraps a long title over several lines and keeps it one line of text', async () => {
    await seedTask(ui, { title: 'Short' });
    const { user, panel } = await openPanel('Short');
    const title = within(panel).getByRole('textbox', { name: 'Title' });
    expect(title.tagName).toBe('TEXTAREA');
    await user.clear(title);
    await user.paste('First line\nsecond line');
    expect(title).toHaveValue('First line second line');
  });
});
