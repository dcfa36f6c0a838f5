import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { inEveryLook } from './fixtures/looks';
import { expect, test } from './fixtures/test';

test('the connection panel creates a token whose snippet connects, and the card then shows connected', async ({
  app,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByRole('tab', { name: 'Connection' }).click();
  await app.getByRole('button', { name: 'Connect VS Code' }).click();

  const dialog = app.getByRole('dialog', { name: 'Connect VS Code' });
  await dialog.getByRole('button', { name: 'Create a token for VS Code' }).click();
  const snippet = dialog.getByRole('region', { name: 'Add TaskDesk to VS Code' });
  const shown = await snippet.locator('pre').innerText();
  await snippet.getByRole('button', { name: 'Copy Add TaskDesk to VS Code' }).click();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await app.screenshot({ path: testInfo.outputPath('connect-vscode.png') });

  // Exactly what a person would paste into .vscode/mcp.json, read back as VS Code would.
  const entry = (
    JSON.parse(shown) as { servers: Record<string, { type: string; url: string; headers: Record<string, string> }> }
  ).servers.taskdesk;
  expect(entry?.type).toBe('http');
  const client = new Client({ name: 'vscode', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(entry!.url), { requestInit: { headers: entry!.headers } }),
  );
  expect((await client.listTools()).tools).toHaveLength(11);
  await client.callTool({ name: 'add_task', arguments: { title: 'Connected from VS Code' } });
  await client.close();

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  const card = app.getByRole('list', { name: 'Client tokens' }).getByRole('listitem', { name: 'VS Code' });
  await expect(card).toContainText('active now');
  await expect(app.getByText(entry!.headers.Authorization!.slice(7))).toHaveCount(0);
});

test('the clients on this computer show doctor’s verdict and the command, at 1280 and 390 px, light and dark', async ({
  app,
  served,
}, testInfo) => {
  // Cursor is set up from a terminal, as the panel suggests; VS Code is installed but not set up.
  fs.mkdirSync(path.join(served.dataDir, '.cursor'), { recursive: true });
  fs.mkdirSync(path.join(served.dataDir, '.config', 'Code', 'User'), { recursive: true });
  await served.cli(['connect', 'cursor', '--port', String(served.port)]);

  await app.getByRole('tab', { name: 'Connection' }).click();
  const clients = app.getByRole('list', { name: 'Clients on this computer' });
  await expect(clients.getByRole('listitem', { name: 'Cursor' })).toContainText('Connected · not seen yet');
  const vscode = clients.getByRole('listitem', { name: 'VS Code' });
  await expect(vscode).toContainText('Not connected');
  await expect(vscode).toContainText('npx taskdesk connect vscode');
  await expect(clients.getByRole('listitem', { name: 'Windsurf' })).toContainText('Not found on this computer');

  await inEveryLook(app, async ({ width, scheme }) => {
    await clients.scrollIntoViewIfNeeded();
    // The section fits the window: nothing in it runs off to the side (the status bar is issue 12's).
    const overflow = await clients.evaluate((list) =>
      Math.max(list.scrollWidth - list.clientWidth, list.getBoundingClientRect().right - window.innerWidth),
    );
    expect([width, scheme, overflow <= 0]).toEqual([width, scheme, true]);
    if (width === 390) {
      const small = await clients
        .getByRole('button')
        .evaluateAll((buttons) => buttons.filter((b) => b.getBoundingClientRect().height < 44).length);
      expect(small).toBe(0);
    }
    await app.screenshot({ path: testInfo.outputPath(`clients-${width}-${scheme}.png`), fullPage: true });
  });
});
