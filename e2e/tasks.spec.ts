import { expect, test } from './fixtures/test';

test('signs in from the printed link, removes the code from the address bar, and the link works once', async ({
  app,
  served,
  browser,
}) => {
  expect(app.url()).not.toContain('login=');
  await app.reload();
  await expect(app.getByRole('tab', { name: 'Tasks' })).toBeVisible();

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(served.uiUrl);
  await expect(second.getByText(/already been used/)).toBeVisible();
  await other.close();
});

test('a signed-in browser that opens the printed link again stays signed in', async ({ app, served }) => {
  await expect(app.getByRole('tab', { name: 'Tasks' })).toBeVisible();
  // A new tab in the same browser: it holds the session cookie, and the link's code is spent.
  const again = await app.context().newPage();
  await again.goto(served.uiUrl);
  await expect(again.getByRole('tab', { name: 'Tasks' })).toBeVisible();
  await expect(again.getByText(/already been used/)).toHaveCount(0);
  expect(again.url()).not.toContain('login=');
  await again.close();
});

test("an agent's new task appears live in the list and in the activity log", async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const tasks = app.getByRole('list', { name: 'Tasks' });
  await agent.call('add_task', { title: 'Draft the quarterly report', priority: 'high' });

  const row = tasks.getByRole('listitem').filter({ hasText: 'Draft the quarterly report' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Claude Code');
  await app.screenshot({ path: testInfo.outputPath('tasks-live.png') });

  await app.getByRole('tab', { name: 'Activity' }).click();
  const log = app.getByRole('list', { name: 'Tool calls' });
  const entry = log.getByRole('listitem').filter({ hasText: 'add_task' });
  await expect(entry).toContainText('Claude Code');
  await expect(entry).toContainText('Draft the quarterly report');
  await app.screenshot({ path: testInfo.outputPath('activity.png') });
});

test('completing a task in the UI is seen by the agent', async ({ app, connectAgent }) => {
  const agent = await connectAgent('Cursor');
  const added = await agent.call('add_task', { title: 'Renew the passport' });
  await expect(app.getByRole('checkbox', { name: 'Renew the passport' })).not.toBeChecked();
  const row = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Renew the passport' });
  // The title opens the task and completes nothing.
  await row.getByRole('button', { name: 'Renew the passport', exact: true }).click();
  await expect(app.getByRole('region', { name: 'Edit task' })).toBeVisible();
  await app.keyboard.press('Escape');
  expect((await agent.call('get_task', { task_id: added.data.task.id })).data.task.completed).toBe(false);
  // The box completes it (the native input itself is visually hidden), with an Undo.
  await row.locator('.task-check-button').click();
  await expect
    .poll(async () => (await agent.call('get_task', { task_id: added.data.task.id })).data.task.completed)
    .toBe(true);
  await expect(app.getByRole('region', { name: 'Notifications' })).toContainText('Completed Renew the passport');
  await app.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect
    .poll(async () => (await agent.call('get_task', { task_id: added.data.task.id })).data.task.completed)
    .toBe(false);
});

test('a task added in the UI is listed by the agent', async ({ app, connectAgent }) => {
  const agent = await connectAgent('VS Code');
  const input = app.getByRole('textbox', { name: 'Add task' });
  await input.fill('Book the dentist');
  await input.press('Enter');
  await expect(app.getByRole('checkbox', { name: 'Book the dentist' })).toBeVisible();
  const listed = await agent.call('list_tasks', {});
  expect(listed.data.tasks.map((task: { title: string }) => task.title)).toContain('Book the dentist');
});

test('markup an agent puts in a title or description is shown as text and never runs', async ({
  app,
  connectAgent,
}) => {
  const agent = await connectAgent('Mallory');
  const title = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const description = '<b onmouseover="window.__pwned=3">hover</b>';
  await agent.call('add_task', { title, description });
  // Anything the payload would have made, anywhere in the page.
  const injected = app.locator('img[src="x"], [onerror], [onmouseover], script:not([src])');
  const pwned = () => app.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  const row = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: '<img src=x' });
  await expect(row).toBeVisible();
  await expect(injected).toHaveCount(0);

  await row.getByRole('button', { name: `Edit ${title}` }).click();
  const panel = app.getByRole('region', { name: 'Edit task' });
  await expect(panel.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
  await expect(panel.getByRole('textbox', { name: 'Description' })).toHaveValue(description);
  await expect(injected).toHaveCount(0);
  await panel.getByRole('button', { name: 'Close editor' }).click();

  await app.getByRole('tab', { name: 'Activity' }).click();
  const entry = app.getByRole('list', { name: 'Tool calls' }).getByRole('listitem').filter({ hasText: 'add_task' });
  await expect(entry).toContainText('<img');
  await entry.getByRole('button').click();
  const details = app.getByRole('dialog', { name: 'add_task by Mallory' });
  await expect(details.getByRole('region', { name: 'Arguments' })).toContainText('<b onmouseover');
  await expect(details.getByRole('region', { name: 'Arguments' })).toContainText('<img src=x');
  await expect(injected).toHaveCount(0);
  await details.hover();
  expect(await pwned()).toBeUndefined();
});

test('the API refuses a browser without the session', async ({ browser, served }) => {
  const stranger = await browser.newContext();
  for (const path of ['/api/tasks', '/api/status', '/api/tokens', '/api/tool-calls']) {
    expect((await stranger.request.get(`${served.origin}${path}`)).status()).toBe(401);
  }
  const page = await stranger.newPage();
  await page.goto(served.origin);
  await expect(page.getByText(/not signed in/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Tasks' })).toHaveCount(0);
  await stranger.close();
});
