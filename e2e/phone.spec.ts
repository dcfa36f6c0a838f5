import type { Page } from '@playwright/test';
import { inEveryLook } from './fixtures/looks';
import { sidewaysScroll, smallTargets } from './fixtures/targets';
import { expect, test, type Agent } from './fixtures/test';

const PHONE = { width: 390, height: 844 };

function daysFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

async function seed(agent: Agent) {
  await agent.call('add_task', {
    title: 'Renew the passport before the summer trip to Lisbon and book the flights',
    priority: 'high',
    due_date: daysFromNow(-2),
    tags: ['travel', 'admin', 'family'],
  });
  await agent.call('add_task', { title: 'Pay rent', priority: 'medium', due_date: daysFromNow(0), tags: ['home'] });
  await agent.call('add_task', { title: 'Call the dentist', due_date: daysFromNow(1) });
  await agent.call('add_task', { title: 'שלום עולם, a title written right to left', tags: ['i18n'] });
}

/** The page at phone width has nothing off to the side, and every target it shows is at least 44 px. */
async function fitsAPhone(page: Page, where: string) {
  expect([where, await sidewaysScroll(page)]).toEqual([where, 0]);
  expect([where, await smallTargets(page)]).toEqual([where, []]);
}

test('at 390 px nothing scrolls sideways and every target is at least 44 px, in every view', async ({
  app,
  connectAgent,
}, testInfo) => {
  await seed(await connectAgent('Claude Code'));
  await app.setViewportSize(PHONE);
  const tasks = app.getByRole('list', { name: 'Tasks' });
  await expect(tasks.getByRole('listitem')).toHaveCount(4);
  await fitsAPhone(app, 'tasks');

  await app.getByRole('button', { name: 'Filters' }).click();
  const sheet = app.getByRole('dialog', { name: 'Filters' });
  await expect(sheet.getByRole('radio', { name: 'Completed' })).toBeVisible();
  await fitsAPhone(app, 'filter sheet');
  await app.screenshot({ path: testInfo.outputPath('phone-filters.png') });
  await sheet.getByRole('button', { name: 'Close' }).click();

  await tasks.getByRole('button', { name: 'Pay rent', exact: true }).click();
  const panel = app.getByRole('region', { name: 'Edit task' });
  await expect(panel).toBeVisible();
  // The editor covers the screen instead of squeezing the list beside it.
  expect(await panel.evaluate((element) => Math.round(element.getBoundingClientRect().width))).toBe(PHONE.width);
  await fitsAPhone(app, 'edit panel');
  await app.screenshot({ path: testInfo.outputPath('phone-edit.png') });
  await panel.getByRole('button', { name: 'Close editor' }).click();

  for (const view of ['Activity', 'Connection']) {
    await app.getByRole('tab', { name: view }).click();
    await expect(app.getByRole('tabpanel', { name: view })).toBeVisible();
    await fitsAPhone(app, view);
  }
});

test('the Tasks view at 1280 and 390 px, light and dark: metadata on a second line at phone width', async ({
  app,
  connectAgent,
}, testInfo) => {
  await seed(await connectAgent('Claude Code'));
  const row = app.getByRole('listitem').filter({ hasText: 'Pay rent' });
  await expect(row).toContainText('Due today');
  await inEveryLook(app, async ({ width, scheme }) => {
    const title = await row.locator('.task-title').boundingBox();
    const due = await row.getByText('Due today').boundingBox();
    // Beside the title on a laptop, under it on a phone.
    expect([width, due!.y > title!.y + title!.height / 2]).toEqual([width, width === 390]);
    expect([width, await sidewaysScroll(app)]).toEqual([width, 0]);
    await app.screenshot({ path: testInfo.outputPath(`tasks-${width}-${scheme}.png`) });
  });
});
