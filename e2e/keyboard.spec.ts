import { expect, test } from './fixtures/test';

test('a person works the list by keyboard alone: one Tab stop, j/k, x, Enter, Escape, Delete and Undo', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const ids: Record<string, string> = {};
  for (const title of ['Water the plants', 'Answer the landlord', 'Order printer ink']) {
    ids[title] = (await agent.call('add_task', { title })).data.task.id;
  }
  const list = app.getByRole('list', { name: 'Tasks' });
  const row = (title: string) => list.getByRole('listitem').filter({ hasText: title });
  await expect(row('Water the plants')).toBeVisible();

  // From the Add box, Tab reaches the list once, on its first row; one more Tab leaves it.
  await app.getByRole('textbox', { name: 'Add task' }).focus();
  while (!(await list.evaluate((element) => element.contains(document.activeElement)))) await app.keyboard.press('Tab');
  await expect(row('Order printer ink')).toBeFocused();
  await app.keyboard.press('Tab');
  expect(await list.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  await app.keyboard.press('Shift+Tab');
  await expect(row('Order printer ink')).toBeFocused();

  await app.keyboard.press('j');
  await expect(row('Answer the landlord')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(row('Water the plants')).toBeFocused();
  await app.keyboard.press('k');
  await expect(row('Answer the landlord')).toBeFocused();

  // x completes; z takes it back.
  await app.keyboard.press('x');
  await expect(app.getByRole('region', { name: 'Notifications' })).toContainText('Completed Answer the landlord');
  const completed = async () =>
    (await agent.call('get_task', { task_id: ids['Answer the landlord'] })).data.task.completed;
  await expect.poll(completed).toBe(true);
  await app.keyboard.press('z');
  await expect.poll(completed).toBe(false);

  // Enter opens the row; Escape with unsaved edits asks, then the focus is back on the row.
  await row('Answer the landlord').focus();
  await app.keyboard.press('Enter');
  const panel = app.getByRole('region', { name: 'Edit task' });
  await expect(panel.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await app.keyboard.type(' today');
  await app.keyboard.press('Escape');
  await expect(panel.getByRole('alertdialog', { name: 'Discard changes?' })).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('keyboard-discard.png') });
  await app.keyboard.press('Escape');
  await expect(panel.getByRole('textbox', { name: 'Title' })).toHaveValue('Answer the landlord today');
  await app.keyboard.press('Escape');
  await panel.getByRole('button', { name: 'Discard changes' }).press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(row('Answer the landlord')).toBeFocused();

  // Delete deletes (the focus moves on), z restores it.
  await app.keyboard.press('Delete');
  await expect(row('Answer the landlord')).toHaveCount(0);
  await expect(row('Water the plants')).toBeFocused();
  await app.keyboard.press('z');
  await expect(row('Answer the landlord')).toBeVisible();

  // "/" and "n" put the cursor where they say, and are only letters while typing.
  await app.keyboard.press('/');
  await expect(app.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await app.keyboard.type('n');
  await expect(app.getByRole('searchbox', { name: 'Search' })).toHaveValue('n');
  await app.keyboard.press('Escape');
  await app.getByRole('searchbox', { name: 'Search' }).fill('');
  await row('Water the plants').focus();
  await app.keyboard.press('n');
  await expect(app.getByRole('textbox', { name: 'Add task' })).toBeFocused();

  // "?" lists every key.
  await row('Water the plants').focus();
  await app.keyboard.press('?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Complete the task');
  await app.screenshot({ path: testInfo.outputPath('keyboard-shortcuts.png') });
  await app.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});
