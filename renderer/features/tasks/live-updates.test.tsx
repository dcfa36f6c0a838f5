import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LiveEventMap } from '../../../shared/api';
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

describe('live changes', () => {
  it("shows an agent's new task from its live event, promptly, marked with the agent's client label", async () => {
    await seedTask(ui, { title: 'Older task' });
    const title = 'Draft the release notes';
    let arrived: number | undefined;
    const { streamOpen } = renderTasksView(ui, {
      onLiveEvent: (name, data) => {
        if (name === 'task' && (data as LiveEventMap['task']).task.title === title) arrived ??= performance.now();
      },
    });
    await findRow('Older task');
    await streamOpen;
    // Noted the moment the row is put into the DOM (a cheap selector, not a role query, which is slow in jsdom).
    // The row's "changed by" note is read as soon as it is drawn: it lasts two seconds, which a slow role query
    // afterwards can outlast on a loaded machine.
    const rowInDom = () =>
      [...document.querySelectorAll('.task-row')].find(
        (row) => row.querySelector('.task-title')?.textContent === title,
      );
    let shownAt: number | undefined;
    const marked = new Promise<string>((resolve) => {
      const observer = new MutationObserver(() => {
        const row = rowInDom();
        if (!row) return;
        shownAt ??= performance.now();
        const changedBy = row.querySelector('.task-changed-by')?.textContent ?? '';
        if (changedBy === '') return;
        observer.disconnect();
        resolve(changedBy);
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await callTool(agent, 'add_task', { title });
    const changedBy = await marked;
    expect(arrived).toBeDefined();
    // From the event reaching the client to the row in the DOM: the live path alone, not the agent's call. The
    // bound is loose because this runs beside other suites on two cores; the burst bench measures the real figure.
    expect((shownAt ?? Number.POSITIVE_INFINITY) - (arrived ?? Number.POSITIVE_INFINITY)).toBeLessThan(1000);
    expect(changedBy).toBe('Added by Claude Code');
    await findRow(title);
    expect(rowTitles()).toEqual([title, 'Older task']);
  });

  it('completing with the checkbox is what the agent then reads', async () => {
    const task = await seedTask(ui, { title: 'Renew passport' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await user.click(await screen.findByRole('checkbox', { name: 'Renew passport' }));
    await waitFor(async () => {
      const seen = await callTool<{ task: Task }>(agent, 'get_task', { task_id: task.id });
      expect(seen.task.completed).toBe(true);
    });
    // The Open list no longer holds a completed task.
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Renew passport' })).not.toBeInTheDocument());
  });

  it('a task that stops matching leaves, and comes back in its sorted place when it matches again', async () => {
    const first = await seedTask(ui, { title: 'First' });
    await seedTask(ui, { title: 'Second' });
    await seedTask(ui, { title: 'Third' });
    const { streamOpen } = renderTasksView(ui);
    await findRow('First');
    await streamOpen;
    expect(rowTitles()).toEqual(['Third', 'Second', 'First']);
    await callTool(agent, 'complete_task', { task_id: first.id });
    await waitFor(() => expect(rowTitles()).toEqual(['Third', 'Second']));
    await callTool(agent, 'complete_task', { task_id: first.id, completed: false });
    await waitFor(() => expect(rowTitles()).toEqual(['Third', 'Second', 'First']));
    expect(within(await findRow('First')).getByText('Reopened by Claude Code')).toBeVisible();
  });

  it("updates an agent's edit in place and removes an agent's delete", async () => {
    const task = await seedTask(ui, { title: 'Book dentist' });
    await seedTask(ui, { title: 'Stays put' });
    const { streamOpen } = renderTasksView(ui);
    await findRow('Book dentist');
    await streamOpen;
    await callTool(agent, 'update_task', { task_id: task.id, title: 'Book the dentist', priority: 'high' });
    const row = await findRow('Book the dentist');
    expect(within(row).getByText('Edited by Claude Code')).toBeVisible();
    expect(rowTitles()).toEqual(['Stays put', 'Book the dentist']);
    await callTool(agent, 'delete_task', { task_id: task.id });
    await waitFor(() => expect(rowTitles()).toEqual(['Stays put']));
  });
});

describe('the first load', () => {
  it('asks for the list once: it waits for the live stream, so opening the stream asks for nothing again', async () => {
    await seedTask(ui, { title: 'Already there' });
    const asked: number[] = [];
    const view = renderTasksView(ui, {
      apiOverrides: {
        taskWindow: (query) => {
          asked.push(query.offset);
          return ui.api.taskWindow(query);
        },
      },
    });
    await findRow('Already there');
    await view.streamOpen;
    // Longer than a second round would take to be asked for.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Each window once (the first load also asks for the one past the view's edge).
    expect(asked.filter((offset) => offset === 0)).toEqual([0]);
    expect(new Set(asked).size).toBe(asked.length);
    // Nothing is missed for it: a change made now arrives live.
    await callTool(agent, 'add_task', { title: 'Made after the load' });
    await findRow('Made after the load');
  });

  it('still loads the list when the live stream cannot open', async () => {
    await seedTask(ui, { title: 'Shown without a stream' });
    const started = performance.now();
    renderTasksView(ui, { apiOverrides: { live: () => () => undefined } });
    expect(await findRow('Shown without a stream', { timeout: 3000 })).toBeInTheDocument();
    // It waited for the stream a moment first.
    expect(performance.now() - started).toBeGreaterThan(900);
  });
});
