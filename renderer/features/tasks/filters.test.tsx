import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UiTestServer } from '../../testing/real-server';
import { localDateString } from '../../lib/dates';
import { ROW_HEIGHT } from './task-list';
import {
  findRow,
  groupHeadings,
  renderTasksView,
  rowTitles,
  seedTask,
  TEST_VIEWPORT_HEIGHT,
  useTasksTestServer,
} from '../../testing/tasks-test-kit';

let ui: UiTestServer;
useTasksTestServer((server) => {
  ui = server;
});

function dayFromToday(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return localDateString(date);
}

async function choose(user: ReturnType<typeof userEvent.setup>, select: RegExp, option: string) {
  await user.click(screen.getByRole('button', { name: select }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('filters, sorting and paging', () => {
  it('status, search, tag and priority filters change what is listed', async () => {
    await seedTask(ui, { title: 'Pay rent', tags: ['home'], priority: 'high' });
    await seedTask(ui, { title: 'Write report', description: 'Quarterly numbers', tags: ['work'], priority: 'low' });
    const done = await seedTask(ui, { title: 'Call mum' });
    await ui.server.services.tasks.complete('local', { task_id: done.id });
    const user = userEvent.setup();
    renderTasksView(ui);
    await findRow('Pay rent');
    expect(rowTitles()).toEqual(['Write report', 'Pay rent']);

    await user.click(screen.getByRole('radio', { name: 'Completed' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Call mum']));
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(rowTitles()).toEqual(['Call mum', 'Write report', 'Pay rent']));

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'QUARTERLY');
    await waitFor(() => expect(rowTitles()).toEqual(['Write report']));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));

    await user.type(screen.getByRole('textbox', { name: 'Tag' }), 'Home');
    await waitFor(() => expect(rowTitles()).toEqual(['Pay rent']));
    await user.clear(screen.getByRole('textbox', { name: 'Tag' }));

    await choose(user, /Priority$/, 'Low');
    await waitFor(() => expect(rowTitles()).toEqual(['Write report']));
  });

  it('sorts by created date or by due date, undated last', async () => {
    await seedTask(ui, { title: 'Due second', due_date: '2099-01-02' });
    await seedTask(ui, { title: 'No due date' });
    await seedTask(ui, { title: 'Due first', due_date: '2099-01-01' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await findRow('Due first');
    expect(rowTitles()).toEqual(['Due first', 'No due date', 'Due second']);
    expect(groupHeadings()).toEqual([]);
    await choose(user, /Sort by$/, 'Due date');
    await waitFor(() => expect(rowTitles()).toEqual(['Due first', 'Due second', 'No due date']));
    expect(groupHeadings()).toEqual(['Later', 'No due date']);
  });

  it('groups by due date under headings, says dates as people do, and counts what the filters show', async () => {
    await seedTask(ui, { title: 'Late', due_date: dayFromToday(-3) });
    await seedTask(ui, { title: 'Now', due_date: dayFromToday(0) });
    await seedTask(ui, { title: 'Next', due_date: dayFromToday(1) });
    await seedTask(ui, { title: 'Soon', due_date: dayFromToday(3) });
    await seedTask(ui, { title: 'Whenever' });
    const user = userEvent.setup();
    renderTasksView(ui);
    await findRow('Late');
    expect(await screen.findByText('5 tasks')).toBeVisible();
    await choose(user, /Sort by$/, 'Due date');
    await waitFor(() => expect(groupHeadings()).toEqual(['Overdue', 'Today', 'Tomorrow', 'This week', 'No due date']));
    expect(rowTitles()).toEqual(['Late', 'Now', 'Next', 'Soon', 'Whenever']);
    expect(within(await findRow('Next')).getByText('Tomorrow')).toBeVisible();
    const weekday = new Date();
    weekday.setDate(weekday.getDate() + 3);
    expect(
      within(await findRow('Soon')).getByText(weekday.toLocaleDateString(undefined, { weekday: 'long' })),
    ).toBeVisible();

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'w');
    await waitFor(() => expect(rowTitles()).toEqual(['Now', 'Whenever']));
    expect(await screen.findByText('2 tasks')).toBeVisible();
  });

  it('labels overdue and due-today tasks in words, by the local date', async () => {
    await seedTask(ui, { title: 'Was due yesterday', due_date: dayFromToday(-1) });
    await seedTask(ui, { title: 'Due now', due_date: dayFromToday(0) });
    await seedTask(ui, { title: 'Due tomorrow', due_date: dayFromToday(1) });
    const user = userEvent.setup();
    renderTasksView(ui);
    expect(within(await findRow('Was due yesterday')).getByText('Overdue')).toBeVisible();
    expect(within(await findRow('Due now')).getByText('Due today')).toBeVisible();
    const later = await findRow('Due tomorrow');
    expect(within(later).queryByText(/Overdue|Due today/)).not.toBeInTheDocument();
    // Done is done: a completed task is not overdue.
    await user.click(screen.getByRole('checkbox', { name: 'Was due yesterday' }));
    await user.click(screen.getByRole('radio', { name: 'All' }));
    const completed = await findRow('Was due yesterday');
    await waitFor(() => expect(within(completed).queryByText('Overdue')).not.toBeInTheDocument());
  });

  it('sizes the list from the filtered total at once, renders only the rows in view, and fetches the window scrolled to', async () => {
    for (let index = 1; index <= 250; index++) {
      await seedTask(ui, { title: `Task ${String(index).padStart(3, '0')}` });
    }
    const { streamOpen } = renderTasksView(ui);
    await streamOpen;
    await findRow('Task 250');
    const list = screen.getByRole('list', { name: 'Tasks' });
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(30);
    // The whole list's height and true count before anything beyond the first window is loaded.
    expect(list.style.height).toBe(`${250 * ROW_HEIGHT}px`);
    expect(screen.getByRole('status')).toHaveTextContent('250 tasks');
    const scroller = list.parentElement;
    if (!scroller) throw new Error('the list has no scroll container');

    // Jumping straight to the end is what dragging the scrollbar down does: the last window is fetched, not every page.
    scroller.scrollTop = 250 * ROW_HEIGHT - TEST_VIEWPORT_HEIGHT;
    fireEvent.scroll(scroller);
    const last = await findRow('Task 001');
    expect(last).toHaveAttribute('aria-setsize', '250');
    expect(last).toHaveAttribute('aria-posinset', '250');
    expect(within(list).queryByText('Task 150')).not.toBeInTheDocument();
    scroller.scrollTop = 100 * ROW_HEIGHT;
    fireEvent.scroll(scroller);
    expect(await findRow('Task 150')).toHaveAttribute('aria-posinset', '101');
  });
});
