import { inEveryLook } from './fixtures/looks';
import { expect, test } from './fixtures/test';

const panelOf = (app: import('@playwright/test').Page) => app.getByRole('region', { name: 'Edit task' });

test('an agent claims a task and leaves a note: the panel shows both live; the person’s edit releases the claim and the history says so', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const added = await agent.call('add_task', { title: 'Migrate the billing tables', project: 'Platform' });
  const id = added.data.task.id as string;
  const row = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Migrate the billing' });
  await row.getByRole('button', { name: 'Migrate the billing tables', exact: true }).click();
  const panel = panelOf(app);

  await agent.call('claim_task', { task_id: id, lease_seconds: 900 });
  await agent.call('add_note', { task_id: id, text: 'Schema diff is ready; starting the copy' });
  await expect(panel.getByRole('group', { name: 'Claim' })).toContainText(/Claimed by Claude Code · 1[45] min left/);
  await expect(panel.getByRole('region', { name: 'Notes' })).toContainText('Schema diff is ready; starting the copy');
  // The row says who holds it and counts the lease down.
  const badge = row.locator('.task-badge.claimed');
  await expect(badge).toHaveText(/Claude Code · 1[45] min left/);
  await inEveryLook(app, async (look) => {
    await panel.getByRole('region', { name: 'Notes' }).scrollIntoViewIfNeeded();
    await app.screenshot({ path: testInfo.outputPath(`panel-claimed-${look.width}-${look.scheme}.png`) });
  });
  await app.setViewportSize({ width: 1280, height: 800 });

  const title = panel.getByRole('textbox', { name: 'Title' });
  await title.fill('Migrate the billing and invoice tables');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await agent.call('get_task', { task_id: id })).data.task.claim).toBeNull();
  await row.getByRole('button', { name: 'Migrate the billing and invoice tables', exact: true }).click();
  const history = panelOf(app).getByRole('region', { name: 'History' });
  await expect(history).toContainText('Released Claude Code’s claim.');
  await expect(history).toContainText('Title: Migrate the billing tables → Migrate the billing and invoice tables');
  await inEveryLook(app, async (look) => {
    await history.scrollIntoViewIfNeeded();
    await app.screenshot({ path: testInfo.outputPath(`panel-history-${look.width}-${look.scheme}.png`) });
  });
});

test('undo of one field change puts the old value back; a blocker that would make a cycle is refused clearly', async ({
  app,
  connectAgent,
  consoleErrors,
}, testInfo) => {
  const agent = await connectAgent('Cursor');
  const first = await agent.call('add_task', { title: 'Lay the foundation', priority: 'low' });
  await agent.call('add_task', { title: 'Put up the walls', blocked_by: [first.data.task.id] });
  await agent.call('update_task', { task_id: first.data.task.id, priority: 'high' });

  const row = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Lay the foundation' });
  await row.getByRole('button', { name: 'Lay the foundation', exact: true }).click();
  const panel = panelOf(app);
  await panel.getByRole('button', { name: 'Undo: Cursor changed priority' }).click();
  await expect
    .poll(async () => (await agent.call('get_task', { task_id: first.data.task.id })).data.task.priority)
    .toBe('low');
  await expect(panel.getByRole('region', { name: 'History' })).toContainText('You changed priority');

  // Keyboard only: type into the blocker search, pick with the arrows and Enter.
  const search = panel.getByRole('combobox', { name: 'Add a blocker' });
  await search.focus();
  await app.keyboard.type('walls');
  await expect(app.getByRole('option', { name: 'Put up the walls' })).toBeVisible();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText(
    'That would make a loop: Lay the foundation → Put up the walls → Lay the foundation.',
  );
  await app.screenshot({ path: testInfo.outputPath('panel-cycle-1280-light.png') });
  expect((await agent.call('get_task', { task_id: first.data.task.id })).data.task.blocked_by).toEqual([]);
  // The refused change is the server's 409, which the browser logs; nothing else may be.
  expect(consoleErrors).toEqual([expect.stringContaining('409 (Conflict)')]);
  consoleErrors.length = 0;
});

test('the project list counts open, ready, claimed and done tasks live, filters the list, and makes and renames projects', async ({
  app,
  connectAgent,
  consoleErrors,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const first = await agent.call('add_task', { title: 'Write the changelog', project: 'Release' });
  await agent.call('add_task', { title: 'Tag the build', project: 'Release', blocked_by: [first.data.task.id] });
  const done = await agent.call('add_task', { title: 'Freeze the branch', project: 'Release' });
  await agent.call('complete_task', { task_id: done.data.task.id });
  await agent.call('add_task', { title: 'Water the plants' });
  await agent.call('claim_task', { task_id: first.data.task.id });

  const projects = app.getByRole('navigation', { name: 'Projects' });
  const release = projects.getByRole('radio', { name: /Release/ });
  await expect(release).toHaveAccessibleName('Release 2 open · 0 ready · 1 claimed · 1 done');
  // The native radio is visually hidden; a person clicks its label.
  await projects.getByText('Release', { exact: true }).click();
  await expect(release).toBeChecked();
  const tagRow = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Tag the build' });
  await expect(tagRow).toContainText('Blocked');
  const tasks = app.getByRole('list', { name: 'Tasks' });
  await expect(tasks).toContainText('Write the changelog');
  await expect(tasks).not.toContainText('Water the plants');

  await projects.getByRole('button', { name: 'Rename' }).click();
  await projects.getByRole('textbox', { name: 'Rename Release' }).fill('Release 2.0');
  await app.keyboard.press('Enter');
  await expect(projects.getByRole('radio', { name: /Release 2\.0/ })).toBeChecked();
  await expect(tasks).toContainText('Write the changelog');

  await projects.getByRole('button', { name: 'New project' }).click();
  await projects.getByRole('textbox', { name: 'New project name' }).fill('release 2.0');
  await app.keyboard.press('Enter');
  await expect(projects.getByRole('alert')).toHaveText(
    'There is a project with that name already (names ignore case).',
  );
  expect(consoleErrors).toEqual([expect.stringContaining('409 (Conflict)')]);
  consoleErrors.length = 0;
  await projects.getByRole('textbox', { name: 'New project name' }).fill('Garden');
  await app.keyboard.press('Enter');
  await expect(projects.getByRole('radio', { name: /Garden 0 open/ })).toBeChecked();
  await projects.getByText('All tasks', { exact: true }).click();
  await expect(tasks).toContainText('Water the plants');

  // The agent finishes the blocker: the task it blocked turns ready on screen, with no reload.
  await agent.call('complete_task', { task_id: first.data.task.id });
  await expect(tagRow).not.toContainText('Blocked');
  await expect(projects.getByRole('radio', { name: /Release 2\.0/ })).toHaveAccessibleName(
    'Release 2.0 1 open · 1 ready · 0 claimed · 2 done',
  );

  await inEveryLook(app, async (look) => {
    if (look.width < 640) {
      await app.getByRole('button', { name: 'Filters' }).click();
      await expect(
        app.getByRole('dialog', { name: 'Filters' }).getByRole('navigation', { name: 'Projects' }),
      ).toBeVisible();
      await app.screenshot({ path: testInfo.outputPath(`projects-${look.width}-${look.scheme}.png`) });
      await app.keyboard.press('Escape');
    } else {
      await expect(projects).toBeVisible();
      await app.screenshot({ path: testInfo.outputPath(`projects-${look.width}-${look.scheme}.png`) });
    }
  });
});

test('a blocker that is done can be cleared from the panel, at every width and in both schemes', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const permit = await agent.call('add_task', { title: 'Get the building permit' });
  const walls = await agent.call('add_task', { title: 'Raise the walls', blocked_by: [permit.data.task.id] });
  await agent.call('complete_task', { task_id: permit.data.task.id });

  const row = app.getByRole('list', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Raise the walls' });
  await expect(row).not.toContainText('Blocked');
  await row.getByRole('button', { name: 'Raise the walls', exact: true }).click();
  const panel = panelOf(app);
  const clear = panel.getByRole('button', { name: 'Clear completed blocker' });
  await expect(panel).toContainText('1 completed blocker no longer holds it back.');
  await inEveryLook(app, async (look) => {
    await clear.scrollIntoViewIfNeeded();
    await expect(clear).toBeVisible();
    const box = await clear.boundingBox();
    // A finger's target on a phone.
    if (look.width < 640) expect(box?.height).toBeGreaterThanOrEqual(44);
    await app.screenshot({ path: testInfo.outputPath(`panel-done-blocker-${look.width}-${look.scheme}.png`) });
  });
  await clear.click();
  await expect
    .poll(async () => (await agent.call('get_task', { task_id: walls.data.task.id })).data.task.blocked_by)
    .toEqual([]);
  await expect(panel).not.toContainText('completed blocker');
});
