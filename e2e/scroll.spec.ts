import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { seedTasksSql } from '../main/testing/seed-tasks';
import { inEveryLook } from './fixtures/looks';
import { expect, test } from './fixtures/test';

const TASKS = 10_000;

test('with 10,000 tasks the scrollbar reflects the total at once and jumping to the end shows the last tasks', async ({
  page,
  served,
  consoleErrors: _,
}, testInfo) => {
  // Written beside the running server, as another process would; a third of the seeded tasks are completed.
  const sqlite = new Sqlite(path.join(served.dataDir, 'taskdesk.db'));
  sqlite.exec(seedTasksSql('sqlite', TASKS));
  sqlite.close();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(served.uiUrl);
  const list = page.getByRole('list', { name: 'Tasks' });
  await page.getByRole('radiogroup', { name: 'Status' }).getByText('All', { exact: true }).click();

  // Task 9999 is completed: on screen once the All list has replaced the Open one.
  await expect(list.getByText('seeded task 9999', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'tasks' })).toHaveText(`${TASKS} tasks`);
  const heights = await list.evaluate((element) => ({
    list: element.getBoundingClientRect().height,
    row: element.querySelector('[role="listitem"]')?.getBoundingClientRect().height ?? 0,
  }));
  expect(heights.list).toBe(heights.row * TASKS);
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(TASKS));

  const scroller = page.locator('.task-scroll');
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(list.getByText('seeded task 1', { exact: true })).toBeVisible();
  await expect(list.locator('[aria-posinset="10000"]')).toContainText('seeded task 1');

  // The middle, by dragging the scrollbar there: placeholders at most for a moment, then that window's tasks.
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await expect(list.locator('[aria-posinset="5001"]')).toContainText('seeded task 5000');
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);

  await inEveryLook(page, async ({ width, scheme }) => {
    await expect(list.locator('[role="listitem"][data-row-id]').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`tasks-10000-${width}-${scheme}.png`) });
  });
});

test('a row whose window is still loading shows as a placeholder until it arrives', async ({
  page,
  served,
  consoleErrors: _,
}, testInfo) => {
  const sqlite = new Sqlite(path.join(served.dataDir, 'taskdesk.db'));
  sqlite.exec(seedTasksSql('sqlite', 1000));
  sqlite.close();
  // Window answers wait, so the placeholders can be seen and pressed on.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/tasks/window?*offset=*', async (route) => {
    if (!route.request().url().includes('offset=0')) await held;
    await route.continue();
  });
  await page.goto(served.uiUrl);
  const list = page.getByRole('list', { name: 'Tasks' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await page.locator('.task-scroll').evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await expect(list.locator('[aria-busy="true"]').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('tasks-placeholders.png') });
  release();
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);
});

test('the row a person is reading stays put while agents add tasks above it', async ({
  page,
  served,
  connectAgent,
  consoleErrors: _,
}) => {
  const sqlite = new Sqlite(path.join(served.dataDir, 'taskdesk.db'));
  sqlite.exec(seedTasksSql('sqlite', 1000));
  sqlite.close();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(served.uiUrl);
  const list = page.getByRole('list', { name: 'Tasks' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const scroller = page.locator('.task-scroll');
  // Scrolled by wheel, as a person does, to a row in the middle of the open tasks.
  await scroller.hover();
  await page.mouse.wheel(0, 40 * 44);
  await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(30 * 44);
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);
  const topRow = () =>
    scroller.evaluate((element) => {
      const view = element.getBoundingClientRect();
      const rows = Array.from(element.querySelectorAll<HTMLElement>('[data-row-id]'))
        .map((row) => ({ id: row.dataset.rowId, top: row.getBoundingClientRect().top - view.top }))
        .filter((row) => row.top > -1)
        .sort((a, b) => a.top - b.top);
      return rows[0];
    });
  const before = await topRow();

  // Newest first: every new task lands above the rows in view.
  const agent = await connectAgent('Writer');
  for (let i = 0; i < 5; i++) await agent.call('add_task', { title: `arrived above ${i}` });
  await expect(page.getByRole('contentinfo', { name: 'Server status' })).toContainText('1005 tasks');
  await expect.poll(topRow).toEqual(before);
});
