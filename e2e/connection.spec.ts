import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from './fixtures/test';

test('the connection panel creates a token whose snippet connects, and the card then shows connected', async ({
  app,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByRole('tab', { name: 'Connection' }).click();
  await app.getByRole('button', { name: 'Connect VS Code' }).click();

  const dialog = app.getByRole('dialog', { name: 'Connect VS Code' });
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
  expect((await client.listTools()).tools).toHaveLength(7);
  await client.callTool({ name: 'add_task', arguments: { title: 'Connected from VS Code' } });
  await client.close();

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('listitem', { name: 'VS Code' })).toContainText('connected');
  await expect(app.getByRole('listitem', { name: 'VS Code' })).not.toContainText('not connected');
  await expect(app.getByText(entry!.headers.Authorization!.slice(7))).toHaveCount(0);
});
