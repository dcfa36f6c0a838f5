import { inEveryLook } from './fixtures/looks';
import { sidewaysScroll, smallTargets } from './fixtures/targets';
import { expect, test, type Agent } from './fixtures/test';

/** A release with steps three levels deep, one done, and two tasks of their own. */
async function seed(agent: Agent) {
  await agent.call('add_task', { title: 'Book the team offsite venue' });
  const release = await agent.call('add_task', {
    title: 'Ship the 2.0 release to every customer',
    project: 'Platform',
    priority: 'high',
  });
  const releaseId = release.data.task.id as string;
  const notes = await agent.call('add_task', {
    title: 'Write the release notes',
    project: 'Platform',
    parent_id: releaseId,
  });
  await agent.call('complete_task', { task_id: notes.data.task.id });
  const migrate = await agent.call('add_task', {
    title: 'Migrate the billing tables and check every invoice total',
    project: 'Platform',
    parent_id: releaseId,
    tags: ['db'],
  });
  await agent.call('add_task', {
    title: 'Dry run on a copy of production',
    project: 'Platform',
    parent_id: migrate.data.task.id,
  });
  await agent.call('add_task', { title: 'Renew the TLS certificates' });
  return releaseId;
}

test('subtasks sit under their parent with its progress, fold by mouse and keyboard, and arrive live; at 1280 and 390 px, light and dark', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const releaseId = await seed(agent);
  const list = app.getByRole('list', { name: 'Tasks' });
  const titles = () => list.locator('.task-title').allTextContents();
  const row = (title: string) => list.getByRole('listitem').filter({ hasText: title });
  const release = row('Ship the 2.0 release');
  const fold = release.getByRole('button', { name: /^Subtasks of Ship the 2.0 release/ });

  await expect
    .poll(titles)
    .toEqual([
      'Renew the TLS certificates',
      'Ship the 2.0 release to every customer',
      'Migrate the billing tables and check every invoice total',
      'Dry run on a copy of production',
      'Book the team offsite venue',
    ]);
  await expect(release.getByLabel('1 of 2 subtasks done')).toHaveText('1/2');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');

  // Live: an agent's new step lands under the release, and the count follows.
  await agent.call('add_task', { title: 'Tell support what changed', project: 'Platform', parent_id: releaseId });
  await expect(release.getByLabel('1 of 3 subtasks done')).toHaveText('1/3');
  await expect.poll(titles).toContain('Tell support what changed');
  const order = await titles();
  expect(order.indexOf('Tell support what changed')).toBe(order.indexOf('Ship the 2.0 release to every customer') + 1);

  await inEveryLook(app, async (look) => {
    // Deeper rows start further right, modestly: a phone keeps room for the title.
    const left = async (title: string) => (await row(title).locator('.task-check').boundingBox())!.x;
    const step = (await left('Dry run on a copy')) - (await left('Migrate the billing'));
    expect([look.width, step]).toEqual([look.width, look.width === 390 ? 12 : 20]);
    expect([look.width, await sidewaysScroll(app)]).toEqual([look.width, 0]);
    if (look.width === 390) expect(await smallTargets(app)).toEqual([]);
    await app.screenshot({ path: testInfo.outputPath(`subtasks-${look.width}-${look.scheme}.png`) });
  });
  await app.setViewportSize({ width: 1280, height: 800 });

  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect
    .poll(titles)
    .toEqual(['Renew the TLS certificates', 'Ship the 2.0 release to every customer', 'Book the team offsite venue']);
  await app.reload();
  await expect
    .poll(titles)
    .toEqual(['Renew the TLS certificates', 'Ship the 2.0 release to every customer', 'Book the team offsite venue']);

  // The keyboard: Right unfolds and goes in, j/k walk the subtasks, Left goes back up and folds.
  await release.focus();
  await app.keyboard.press('ArrowRight');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await app.keyboard.press('ArrowRight');
  await expect(row('Tell support what changed')).toBeFocused();
  await app.keyboard.press('j');
  const migrate = row('Migrate the billing tables');
  await expect(migrate).toBeFocused();
  // Left folds an unfolded task first, then goes up to its parent.
  await app.keyboard.press('ArrowLeft');
  await expect(migrate.getByRole('button', { name: /^Subtasks of Migrate/ })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(titles).not.toContain('Dry run on a copy of production');
  await expect(migrate).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(release).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(release).toBeFocused();
  await app.keyboard.press('ArrowRight');

  // A search that finds a step without its parent shows the step with its parent's title.
  await app.getByRole('searchbox', { name: 'Search' }).fill('dry run');
  await expect.poll(titles).toEqual(['Dry run on a copy of production']);
  await expect(row('Dry run on a copy')).toContainText(
    'in Ship the 2.0 release to every customer › Migrate the billing tables and check every invoice total',
  );
  await inEveryLook(app, async (look) => {
    expect([look.width, await sidewaysScroll(app)]).toEqual([look.width, 0]);
    await app.screenshot({ path: testInfo.outputPath(`subtask-found-${look.width}-${look.scheme}.png`) });
  });
});
