import type { WebContents, WebPreferences } from 'electron';
import type { DesktopBridge } from '../../shared/desktop';
import { electron, expect, test } from './desktop';
import { electronSuiteTitle } from './electron-binary';

type WithBridge = Window & { taskdesk: DesktopBridge };

/** Undocumented, so missing from Electron's types, but the one way to read back what a window runs with. */
type WithLastWebPreferences = WebContents & { getLastWebPreferences: () => WebPreferences | null };

// Electron cannot be downloaded everywhere (not on the machine these tests were written on, nor in CI):
// there the suite reports itself skipped with the reason in its title, and nothing stands in for Electron.
test.describe(electronSuiteTitle('desktop app', electron), () => {
  test.skip(electron.binary === undefined, electron.missing);

  test('opens its window on the UI, signed in, with no login code in any URL it has shown', async ({ desktop }) => {
    const { app, page } = await desktop.launch();
    expect(new URL(page.url()).origin).toBe(desktop.origin);
    expect(page.url()).not.toMatch(/login/i);
    await expect(page.getByText(/not signed in/)).toHaveCount(0);
    const history = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!
        .webContents.navigationHistory.getAllEntries()
        .map((entry) => entry.url),
    );
    expect(history.length).toBeGreaterThan(0);
    for (const url of history) expect(url, "the window's navigation history").not.toMatch(/login/i);
  });

  test('keeps its port, and so its MCP URL, across a restart', async ({ desktop }) => {
    const mcpUrl = `${desktop.origin}/mcp`;
    const first = await desktop.launch();
    await expect(first.page.getByRole('contentinfo', { name: 'Server status' })).toContainText(`MCP URL ${mcpUrl}`);
    const input = first.page.getByRole('textbox', { name: 'Add task' });
    await input.fill('Survives a restart');
    await input.press('Enter');
    await expect(first.page.getByRole('checkbox', { name: 'Survives a restart' })).toBeVisible();
    await first.app.close();

    const second = await desktop.launch();
    expect(new URL(second.page.url()).origin).toBe(desktop.origin);
    await expect(second.page.getByRole('contentinfo', { name: 'Server status' })).toContainText(`MCP URL ${mcpUrl}`);
    await expect(second.page.getByRole('checkbox', { name: 'Survives a restart' })).toBeVisible();
  });

  test('offers its settings in a Settings tab, starting from the settings file', async ({ desktop }) => {
    const { page } = await desktop.launch();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByRole('textbox', { name: 'Port' })).toHaveValue(String(desktop.port));
    await expect(page.getByRole('radio', { name: 'Embedded SQLite' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Start TaskDesk at login' })).not.toBeChecked();
  });

  test('runs the window with the Electron security settings, read back from webPreferences', async ({ desktop }) => {
    const { app } = await desktop.launch();
    const preferences = await app.evaluate(({ BrowserWindow }) =>
      (BrowserWindow.getAllWindows()[0]!.webContents as WithLastWebPreferences).getLastWebPreferences(),
    );
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  test('refuses navigation to another origin and denies window.open', async ({ desktop }) => {
    const { app, page } = await desktop.launch();
    // Listens after the app's own handler, so it sees whether that handler refused the navigation.
    await app.evaluate(({ BrowserWindow }) => {
      const seen: { url: string; refused: boolean }[] = [];
      Object.assign(globalThis, { taskdeskNavigations: seen });
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (event) =>
        seen.push({ url: event.url, refused: event.defaultPrevented }),
      );
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as { taskdeskNavigations?: unknown }).taskdeskNavigations))
      .toEqual([{ url: 'https://example.com/', refused: true }]);
    expect(new URL(page.url()).origin).toBe(desktop.origin);
    await expect(page.getByRole('tab', { name: 'Tasks' })).toBeVisible();

    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => window.open('/') === null)).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(app.windows()).toHaveLength(1);
  });

  test('exposes exactly the declared preload surface, and no Node', async ({ desktop }) => {
    const { app, page } = await desktop.launch();
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as WithBridge).taskdesk).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ keys: ['appVersion', 'openExternal'], require: 'undefined', process: 'undefined' });

    const appVersion = await page.evaluate(() => (window as unknown as WithBridge).taskdesk.appVersion);
    expect(appVersion).toBe(await app.evaluate(({ app: electronApp }) => electronApp.getVersion()));
    // A host off the allow-list is refused without opening anything.
    const opened = await page.evaluate(() =>
      (window as unknown as WithBridge).taskdesk.openExternal('https://example.com/'),
    );
    expect(opened).toBe(false);
  });

  test("shows an agent's call in the window as it happens", async ({ desktop }) => {
    const { page } = await desktop.launch();
    const agent = await desktop.connectAgent(page, 'Claude Code');
    const added = await agent.callTool({ name: 'add_task', arguments: { title: 'Reply to the landlord' } });
    expect(added.isError).toBeFalsy();

    const row = page
      .getByRole('list', { name: 'Tasks' })
      .getByRole('listitem')
      .filter({ hasText: 'Reply to the landlord' });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Claude Code');
    await page.getByRole('tab', { name: 'Activity' }).click();
    const entry = page.getByRole('list', { name: 'Tool calls' }).getByRole('listitem').filter({ hasText: 'add_task' });
    await expect(entry).toContainText('Claude Code');
  });
});
