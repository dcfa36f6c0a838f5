import { inEveryLook } from './fixtures/looks';
import { serve } from './fixtures/serve';
import { expect, test } from './fixtures/test';

test('a server restart keeps the page signed in and what was typed, with a banner while it is down', async ({
  app,
  served,
  consoleErrors,
}, testInfo) => {
  // In use, as a person's page is when its server restarts: the list loaded and the live stream open.
  await expect(app.getByRole('contentinfo', { name: 'Server status' })).toContainText('Live');
  const input = app.getByRole('textbox', { name: 'Add task' });
  await input.fill('Typed while the server was down');
  await served.kill();

  const banner = app.getByRole('alert').filter({ hasText: 'not answering' });
  await expect(banner).toContainText('What you have typed stays here');
  await expect(app.getByRole('contentinfo', { name: 'Server status' })).toContainText('Server not answering');
  await expect(input).toHaveValue('Typed while the server was down');
  await inEveryLook(app, async ({ width, scheme }) => {
    await app.screenshot({ path: testInfo.outputPath(`server-down-${width}-${scheme}.png`) });
  });

  const again = await serve({ port: served.port, dataDir: served.dataDir });
  try {
    // EventSource retries every 2 s; once back, the banner goes and the page is still signed in.
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await expect(app.getByRole('tab', { name: 'Tasks' })).toBeVisible();
    await expect(app.getByText('Live', { exact: true })).toBeVisible();
    await expect(input).toHaveValue('Typed while the server was down');
    await input.press('Enter');
    await expect(app.getByRole('list', { name: 'Tasks' })).toContainText('Typed while the server was down');
    await expect(app.getByRole('contentinfo', { name: 'Server status' })).toContainText('1 task');
  } finally {
    await again.stop();
  }
  // The browser reports the failed requests and the dropped stream while the server was away; nothing else.
  const unexpected = consoleErrors.filter(
    (line) => !/Failed to load resource|ERR_CONNECTION_REFUSED|EventSource/.test(line),
  );
  expect(unexpected).toEqual([]);
  consoleErrors.length = 0;
});
