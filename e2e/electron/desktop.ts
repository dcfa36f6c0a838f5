/**
 * Launches the desktop app from its bundle (package.json "main") in a real
 * Electron, on a fresh user-data folder whose settings.json holds a free port:
 * the app listens on its settings' port, never on port 0.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DESKTOP_SETTINGS, desktopSettings } from '../../shared/desktop';
import { findElectron, ROOT } from './electron-binary';

export const electron = findElectron();

export interface Launched {
  app: ElectronApplication;
  /** The app's one window, signed in and showing the Tasks view. */
  page: Page;
}

export interface Desktop {
  userDataDir: string;
  port: number;
  /** http://127.0.0.1:<port>, where the window and agents reach the server. */
  origin: string;
  launch: () => Promise<Launched>;
  /** An official MCP SDK client with a token created through the window's own session. */
  connectAgent: (page: Page, label: string) => Promise<Client>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A user-data folder as the app leaves it after a person saved `port` in Settings. */
function userDataFolder(port: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdesk-electron-'));
  const settings = desktopSettings.parse({ ...DEFAULT_DESKTOP_SETTINGS, port });
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return dir;
}

async function launchApp(binary: string, userDataDir: string): Promise<Launched> {
  const app = await _electron.launch({
    executablePath: binary,
    // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer's own sandbox stays on.
    // '.' rather than ROOT: on Windows Playwright quotes arguments, and ROOT's trailing backslash would escape the quote.
    args: ['.', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
    env: { ...process.env, TASKDESK_USER_DATA_DIR: userDataDir, TASKDESK_LOG_LEVEL: 'warn' },
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('tab', { name: 'Tasks' })).toBeVisible({ timeout: 20_000 });
  return { app, page };
}

async function createToken(page: Page, label: string): Promise<string> {
  return page.evaluate(async (name) => {
    const response = await fetch('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: name }),
    });
    const body = (await response.json()) as { data: { token: { token: string } } };
    return body.data.token.token;
  }, label);
}

export const test = base.extend<{ desktop: Desktop }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructured first argument
  desktop: async ({}, use) => {
    const { binary } = electron;
    if (binary === undefined) throw new Error(electron.missing);
    const port = await freePort();
    const userDataDir = userDataFolder(port);
    const apps: ElectronApplication[] = [];
    const clients: Client[] = [];
    await use({
      userDataDir,
      port,
      origin: `http://127.0.0.1:${port}`,
      launch: async () => {
        const launched = await launchApp(binary, userDataDir);
        apps.push(launched.app);
        return launched;
      },
      connectAgent: async (page, label) => {
        const client = new Client({ name: label, version: '1.0.0' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
            requestInit: { headers: { Authorization: `Bearer ${await createToken(page, label)}` } },
          }),
        );
        clients.push(client);
        return client;
      },
    });
    await Promise.all(clients.map((client) => client.close()));
    // Quit, not close: closing the window only hides it to the tray. close() quits the app and waits for it.
    for (const app of apps) await app.close().catch(() => undefined);
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
});

export { expect };
