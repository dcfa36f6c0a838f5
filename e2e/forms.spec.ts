import { expect, test } from './fixtures/test';

// The shared schema's words for models; a person never reads them.
const MACHINE_WORDS = /due_date|expected_version|get_task|must be|; got|YYYY-MM-DD/;

test('form problems are said in plain words next to their fields, and nothing is saved', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const { id } = (await agent.call('add_task', { title: 'Plan the party' })).data.task;

  const add = app.getByRole('textbox', { name: 'Add task' });
  await add.fill('x'.repeat(205));
  await expect(app.getByText('205/200')).toBeVisible();
  await add.press('Enter');
  await expect(add).toHaveAttribute('aria-invalid', 'true');
  await expect(add).toHaveAccessibleDescription(/The title can be at most 200 characters; this one has 205\./);

  await app.getByRole('button', { name: 'Plan the party', exact: true }).click();
  const panel = app.getByRole('region', { name: 'Edit task' });
  const title = panel.getByRole('textbox', { name: 'Title' });
  const due = panel.getByRole('textbox', { name: 'Due date' });
  await title.fill('');
  await due.fill('someday');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(title).toHaveAccessibleDescription('Give the task a title.');
  await expect(due).toHaveAccessibleDescription(/“someday” is not a date TaskDesk understands/);
  await expect(panel).not.toContainText(MACHINE_WORDS);
  await app.screenshot({ path: testInfo.outputPath('form-errors.png') });
  expect((await agent.call('get_task', { task_id: id })).data.task.version).toBe(1);

  await title.fill('Plan the surprise party');
  await due.fill('tomorrow');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel).toHaveCount(0);
  const saved = (await agent.call('get_task', { task_id: id })).data.task;
  expect(saved.title).toBe('Plan the surprise party');
  expect(saved.due_date).not.toBeNull();
});

test('an agent’s change while a person edits keeps the draft, shows what changed, and saves on top', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const { id } = (await agent.call('add_task', { title: 'Water the garden' })).data.task;
  await app.getByRole('button', { name: 'Water the garden', exact: true }).click();
  const panel = app.getByRole('region', { name: 'Edit task' });
  await panel.getByRole('textbox', { name: 'Title' }).fill('Water the roses');

  await agent.call('update_task', { task_id: id, priority: 'high', due_date: '2099-05-01' });
  await expect(panel).toContainText('Claude Code changed this task while you were editing it.');
  await expect(panel).toContainText('Priority');
  await expect(panel).toContainText('Now: High');
  await expect(panel.getByRole('textbox', { name: 'Title' })).toHaveValue('Water the roses');
  await expect(panel).not.toContainText(MACHINE_WORDS);
  await app.screenshot({ path: testInfo.outputPath('conflict.png') });

  await panel.getByRole('button', { name: 'Save mine on top' }).click();
  await expect(panel).toHaveCount(0);
  expect((await agent.call('get_task', { task_id: id })).data.task).toMatchObject({
    title: 'Water the roses',
    priority: 'high',
    due_date: '2099-05-01',
  });
});
