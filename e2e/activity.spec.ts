import type { Locator, Page } from '@playwright/test';
import { inEveryLook } from './fixtures/looks';
import { expect, test, type Agent } from './fixtures/test';

const MISSING_TASK = '019abcde-0123-7def-8abc-0123456789ab';
// More than the 500 the log used to load, and more than one page of the server's.
const BUSY_CALLS = 620;

/** One failed call, then BUSY_CALLS successful ones after it: the failure is older than the newest 500. */
async function errorThenBusyWork(agent: Agent): Promise<void> {
  const failed = await agent.client.callTool({ name: 'get_task', arguments: { task_id: MISSING_TASK } });
  expect(failed.isError).toBe(true);
  for (let done = 0; done < BUSY_CALLS; done += 20) {
    await Promise.all(Array.from({ length: 20 }, () => agent.call('list_tasks', { limit: 1 })));
  }
}

const openActivity = async (app: Page, { reload = false } = {}) => {
  // A reload forgets the calls seen live: what shows then comes from the server's pages alone.
  if (reload) await app.reload();
  await app.getByRole('tab', { name: 'Activity' }).click();
  const log = app.getByRole('list', { name: 'Tool calls' });
  await expect(log.getByRole('listitem').first()).toBeVisible();
  return log;
};

const failedRow = (log: Locator) => log.getByRole('listitem').filter({ hasText: MISSING_TASK });

test('"Errors only" finds a failed call older than the newest 500, through the server', async ({
  app,
  connectAgent,
}, testInfo) => {
  await errorThenBusyWork(await connectAgent('Busy Agent'));
  const log = await openActivity(app, { reload: true });
  await expect(failedRow(log)).toHaveCount(0);

  await app.getByRole('button', { name: 'Errors only' }).click();
  await expect(failedRow(log)).toBeVisible();
  await expect(failedRow(log)).toContainText('error not_found');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(app.getByText('1 shown')).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('activity-errors-only.png') });
});

test('scrolling Activity down loads older calls until the oldest', async ({ app, connectAgent }) => {
  await errorThenBusyWork(await connectAgent('Busy Agent'));
  const log = await openActivity(app, { reload: true });
  await expect(app.getByText('200+ shown')).toBeVisible();

  const scroller = app.locator('.tool-log-scroll');
  await expect(async () => {
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect(failedRow(log)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(app.getByText(`${BUSY_CALLS + 1} shown`)).toBeVisible();
  await expect(failedRow(log)).toHaveAttribute('aria-posinset', String(BUSY_CALLS + 1));
});

test("a call's task shows by title and its link opens the task in the Tasks view, deleted ones under Recently deleted", async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  await agent.call('add_task', { title: 'Water the ferns' });
  const gone = (await agent.call('add_task', { title: 'Old chore' })).data.task.id as string;
  await agent.call('delete_task', { task_id: gone });
  const log = await openActivity(app);

  await expect(log.getByRole('link', { name: 'Old chore (deleted)' }).first()).toBeVisible();
  await inEveryLook(app, async ({ width, scheme }) => {
    await app.screenshot({ path: testInfo.outputPath(`activity-${width}-${scheme}.png`) });
  });
  await app.setViewportSize({ width: 1280, height: 800 });

  await log.getByRole('link', { name: 'Water the ferns' }).first().click();
  await expect(app.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true');
  const editor = app.getByRole('region', { name: 'Edit task' });
  await expect(editor.getByRole('textbox', { name: 'Title' })).toHaveValue('Water the ferns');
  await editor.getByRole('button', { name: 'Close editor' }).click();

  await app.getByRole('tab', { name: 'Activity' }).click();
  await log.getByRole('link', { name: 'Old chore (deleted)' }).first().click();
  await expect(app.getByRole('list', { name: 'Recently deleted' }).getByText('Old chore')).toBeVisible();
});

test('a live call appears on top only when it matches the active filter', async ({ app, connectAgent }) => {
  const agent = await connectAgent('Live Agent');
  await agent.call('add_task', { title: 'Seen before the filter' });
  const log = await openActivity(app);
  await app.getByRole('button', { name: 'Errors only' }).click();
  await expect(app.getByText('No tool calls match.')).toBeVisible();

  await agent.call('add_task', { title: 'A success, filtered out' });
  await agent.client.callTool({ name: 'get_task', arguments: { task_id: MISSING_TASK } });
  await expect(failedRow(log)).toBeVisible();
  await expect(log.getByRole('listitem')).toHaveCount(1);
});
