import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/task';
import { localDateString } from '../../lib/dates';
import type { UiTestServer } from '../../testing/real-server';
import {
  callTool,
  findRow,
  groupHeadings,
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
beforeEach(() => localStorage.clear());

/** The depth a row is indented by: 0 at the top level. */
const depthOf = async (title: string) =>
  Number((await findRow(title)).querySelector<HTMLElement>('.task-row')?.style.getPropertyValue('--depth') || 0);

const disclosure = async (title: string) =>
  within(await findRow(title)).getByRole('button', { name: `Subtasks of ${title}` });

/** Launch, with two steps (the first done), and a task of its own added last (and one added first, if named). */
async function launchWithSteps(first?: string) {
  if (first !== undefined) await seedTask(ui, { title: first });
  const launch = await seedTask(ui, { title: 'Launch' });
  const done = await seedTask(ui, { title: 'Write the post', parent_id: launch.id });
  await seedTask(ui, { title: 'Record the demo', parent_id: launch.id });
  await seedTask(ui, { title: 'Water the plants' });
  await ui.server.services.tasks.complete('local', { task_id: done.id });
  const user = userEvent.setup();
  const view = renderTasksView(ui);
  await findRow('Launch');
  await view.streamOpen;
  return { launch, user, view };
}

describe('subtasks in the list', () => {
  it("shows a task's open subtasks indented under it, with its progress, and none of them at the top level", async () => {
    await launchWithSteps();
    expect(rowTitles()).toEqual(['Water the plants', 'Launch', 'Record the demo']);
    expect(await depthOf('Record the demo')).toBe(1);
    expect(await depthOf('Launch')).toBe(0);
    expect(within(await findRow('Launch')).getByLabelText('1 of 2 subtasks done')).toHaveTextContent('1/2');
    expect(await disclosure('Launch')).toHaveAttribute('aria-expanded', 'true');
    expect(within(await findRow('Water the plants')).queryByRole('button', { name: /^Subtasks of/ })).toBeNull();
  });

  it('folds and unfolds the subtasks with the disclosure button, and remembers the fold', async () => {
    const { user, view } = await launchWithSteps();
    await user.click(await disclosure('Launch'));
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch']));
    expect(await disclosure('Launch')).toHaveAttribute('aria-expanded', 'false');

    view.unmount();
    renderTasksView(ui);
    await findRow('Launch');
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch']));
    await user.click(await disclosure('Launch'));
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch', 'Record the demo']));
    expect(await disclosure('Launch')).toHaveAttribute('aria-expanded', 'true');
  });

  it('moves through subtasks with j/k and folds with the arrows, the focus going to the parent', async () => {
    const { user } = await launchWithSteps();
    (await findRow('Water the plants')).focus();
    await user.keyboard('jj');
    expect(document.activeElement).toBe(await findRow('Record the demo'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(await findRow('Launch'));
    await user.keyboard('{ArrowLeft}');
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch']));
    expect(document.activeElement).toBe(await findRow('Launch'));
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch', 'Record the demo']));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(await findRow('Record the demo'));
  });

  it('gives the focus to the parent when a click folds away the subtask that had it', async () => {
    await launchWithSteps('Sweep the porch');
    (await findRow('Record the demo')).focus();
    // A virtual click, as a screen reader's, leaves the focus where it was until the fold moves it.
    fireEvent.click(await disclosure('Launch'));
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Launch', 'Sweep the porch']));
    expect(document.activeElement).toBe(await findRow('Launch'));
  });

  it("puts an agent's new subtask under its parent live, and the parent's count follows", async () => {
    const { launch } = await launchWithSteps();
    const paint = await seedTask(ui, { title: 'Paint the fence' });
    await findRow('Paint the fence');
    await callTool<{ task: Task }>(agent, 'add_task', { title: 'Buy the paint', parent_id: paint.id });
    await waitFor(() =>
      expect(rowTitles()).toEqual([
        'Paint the fence',
        'Buy the paint',
        'Water the plants',
        'Launch',
        'Record the demo',
      ]),
    );
    expect(await depthOf('Buy the paint')).toBe(1);
    expect(within(await findRow('Paint the fence')).getByLabelText('0 of 1 subtasks done')).toBeInTheDocument();

    await callTool<{ task: Task }>(agent, 'add_task', { title: 'Book the venue', parent_id: launch.id });
    await waitFor(() => expect(rowTitles().slice(3)).toEqual(['Launch', 'Book the venue', 'Record the demo']));
    expect(within(await findRow('Launch')).getByLabelText('1 of 3 subtasks done')).toBeInTheDocument();
  });

  it('shows a first subtask even when a flat change lands while the list is asked again for the tree', async () => {
    // The list is flat when the subtask arrives: it asks the server for the tree, and that answer is held
    // until a task of its own has been placed live, so the answer is one place off and must be asked again.
    const fence = await seedTask(ui, { title: 'Paint the fence' });
    let holding = false;
    let pending = 0;
    let asked = 0;
    let heldNow: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (heldNow = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const view = renderTasksView(ui, {
      apiOverrides: {
        taskWindow: async (query) => {
          asked = Date.now();
          pending++;
          const answer = await ui.api.taskWindow(query).finally(() => pending--);
          if (holding && query.offset === 0 && answer.nested) {
            holding = false;
            heldNow();
            await released;
          }
          return answer;
        },
      },
    });
    await findRow('Paint the fence');
    await view.streamOpen;
    // Settled: whatever the open stream makes the list ask again has been answered.
    await waitFor(() => expect([pending, Date.now() - asked > 300]).toEqual([0, true]));
    holding = true;
    await callTool<{ task: Task }>(agent, 'add_task', { title: 'Buy the paint', parent_id: fence.id });
    await held;
    await callTool<{ task: Task }>(agent, 'add_task', { title: 'Water the plants' });
    await findRow('Water the plants');
    release();
    await waitFor(() => expect(rowTitles()).toEqual(['Water the plants', 'Paint the fence', 'Buy the paint']));
    expect(await depthOf('Buy the paint')).toBe(1);
  });

  it('keeps subtasks under their parent when sorted by due date: only top-level rows open a due-date group', async () => {
    const today = localDateString(new Date());
    const later = new Date();
    later.setDate(later.getDate() + 30);
    const launch = await seedTask(ui, { title: 'Launch', due_date: today });
    await seedTask(ui, { title: 'Record the demo', parent_id: launch.id });
    await seedTask(ui, { title: 'Water the plants', due_date: localDateString(later) });
    const user = userEvent.setup();
    renderTasksView(ui);
    await findRow('Launch');
    await user.click(screen.getByRole('button', { name: /Sort by$/ }));
    await user.click(await screen.findByRole('option', { name: 'Due date' }));
    await waitFor(() => expect(groupHeadings()).toEqual(['Today', 'Later']));
    expect(rowTitles()).toEqual(['Launch', 'Record the demo', 'Water the plants']);
  });

  it('shows a subtask the search finds without its parent at the top level, naming the parent', async () => {
    const { user } = await launchWithSteps();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'demo');
    await waitFor(() => expect(rowTitles()).toEqual(['Record the demo']));
    expect(await depthOf('Record the demo')).toBe(0);
    expect(await findRow('Record the demo')).toHaveTextContent('in Launch');
  });
});
