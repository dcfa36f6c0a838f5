import type { Page } from '@playwright/test';
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

const ALL_SHOWN = [
  'Renew the TLS certificates',
  'Ship the 2.0 release to every customer',
  'Migrate the billing tables and check every invoice total',
  'Dry run on a copy of production',
  'Book the team offsite venue',
];
const RELEASE_FOLDED = [
  'Renew the TLS certificates',
  'Ship the 2.0 release to every customer',
  'Book the team offsite venue',
];

function theList(app: Page) {
  const list = app.getByRole('list', { name: 'Tasks' });
  const row = (title: string) => list.getByRole('listitem').filter({ hasText: title });
  const release = row('Ship the 2.0 release');
  return {
    titles: () => list.locator('.task-title').allTextContents(),
    row,
    release,
    fold: release.getByRole('button', { name: /^Subtasks of Ship the 2.0 release/ }),
  };
}

test('subtasks sit indented under their parent, which counts their progress; a new one arrives live; at 1280 and 390 px, light and dark', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agent = await connectAgent('Claude Code');
  const releaseId = await seed(agent);
  const { titles, row, release, fold } = theList(app);
  await expect.poll(titles).toEqual(ALL_SHOWN);
  await expect(release.getByLabel('1 of 2 subtasks done')).toHaveText('1/2');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');

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
});

test('a click folds the subtasks and the fold outlasts a reload; the arrows fold and unfold and j/k walk the subtasks', async ({
  app,
  connectAgent,
}) => {
  await seed(await connectAgent('Claude Code'));
  const { titles, row, release, fold } = theList(app);
  await expect.poll(titles).toEqual(ALL_SHOWN);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(titles).toEqual(RELEASE_FOLDED);
  await app.reload();
  await expect.poll(titles).toEqual(RELEASE_FOLDED);

  // Right unfolds and goes in, j/k walk the subtasks, Left folds an unfolded task, then goes up to its parent.
  await release.focus();
  await app.keyboard.press('ArrowRight');
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  // The folded subtasks were never loaded: they arrive with the view's next window, and only then can → step in.
  const migrate = row('Migrate the billing tables');
  await expect(migrate).toBeVisible();
  await app.keyboard.press('ArrowRight');
  await expect(migrate).toBeFocused();
  await app.keyboard.press('j');
  await expect(row('Dry run on a copy')).toBeFocused();
  await app.keyboard.press('k');
  await expect(migrate).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(migrate.getByRole('button', { name: /^Subtasks of Migrate/ })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(titles).not.toContain('Dry run on a copy of production');
  await expect(migrate).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(release).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(release).toBeFocused();
});

test('a search that finds a subtask without its parent shows it with its parent’s title, at 1280 and 390 px, light and dark', async ({
  app,
  connectAgent,
}, testInfo) => {
  await seed(await connectAgent('Claude Code'));
  const { titles, row } = theList(app);
  await expect.poll(titles).toEqual(ALL_SHOWN);
  await app.getByRole('searchbox', { name: 'Search' }).fill('dry run');
  await expect.poll(titles).toEqual(['Dry run on a copy of production']);
  const found = row('Dry run on a copy');
  await expect(found.locator('.task-path:visible')).toHaveText(
    'in Migrate the billing tables and check every invoice total',
  );
  await expect(found.locator('.task-path:visible')).toHaveAttribute(
    'title',
    'Subtask of Ship the 2.0 release to every customer › Migrate the billing tables and check every invoice total',
  );
  await inEveryLook(app, async (look) => {
    expect([look.width, await sidewaysScroll(app)]).toEqual([look.width, 0]);
    await expect(found.locator('.task-path:visible')).toHaveText(/^in Migrate the billing/);
    await app.screenshot({ path: testInfo.outputPath(`subtask-found-${look.width}-${look.scheme}.png`) });
  });
});
