import { expect, test } from './fixtures/test';

const AGENTS = 8;
const CALLS_EACH = 40;

test('the task list takes a burst from eight agents: every row arrives and the page keeps answering input', async ({
  app,
  connectAgent,
}, testInfo) => {
  const agents = await Promise.all(Array.from({ length: AGENTS }, (_, i) => connectAgent(`Burst agent ${i}`)));
  const input = app.getByRole('textbox', { name: 'Add task' });
  await input.click();

  let lastTitle = '';
  const burst = Promise.all(
    agents.map(async (agent, a) => {
      for (let i = 0; i < CALLS_EACH; i++) {
        const title = `burst ${a}-${i}`;
        await agent.call('add_task', { title });
        lastTitle = title;
      }
    }),
  );
  // A person types while the agents write; every key must land, in order.
  const typed = 'typed during the burst';
  await input.pressSequentially(typed, { delay: 20 });
  await expect(input).toHaveValue(typed);
  await burst;

  // Newest first: the last answered task is at the top within a second or so, and the count is right.
  await expect(app.getByRole('list', { name: 'Tasks' }).getByText(lastTitle, { exact: true })).toBeVisible({
    timeout: 3000,
  });
  await expect(app.getByRole('contentinfo', { name: 'Server status' })).toContainText(`${AGENTS * CALLS_EACH} tasks`);
  await app.screenshot({ path: testInfo.outputPath('after-burst.png') });
});
