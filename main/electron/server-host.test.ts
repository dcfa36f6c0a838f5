import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../shared/desktop';
import { entryIn, makeHome, targetById } from '../connect/connect-test-kit';
import { readEnvironment } from '../config/environment';
import { createLogger } from '../logging/logger';
import { useTempDirs } from '../testing/temp-dir';
import { createDesktopAdapter } from './desktop-adapter';
import { describeStartupFailure } from './error-screen';
import { createServerHost, originOf, type ServerHost } from './server-host';
import { createSettingsStore, SettingsFileError } from './settings-store';
import { ForeignServerError, verifyOwnServer } from './verify-server';

const logger = createLogger('silent');

async function freePort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('desktop server host (no Electron needed)', () => {
  const tempDir = useTempDirs();
  const hosts: ServerHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
  });

  async function hostWith(settings: Partial<DesktopSettings>, dir = tempDir()) {
    const store = createSettingsStore(dir);
    await store.write({ ...DEFAULT_DESKTOP_SETTINGS, port: await freePort(), ...settings });
    const restarts: number[] = [];
    const host = createServerHost({
      store,
      logger,
      environment: readEnvironment({}),
      onSaved: () => undefined,
      onRestartNeeded: () => restarts.push(1),
      recordDir: dir,
    });
    hosts.push(host);
    return { host, store, dir, restarts };
  }

  it('starts the server core on the saved port, on SQLite in the user-data folder, answering with its nonce', async () => {
    const { host, dir } = await hostWith({});
    const server = await host.start();
    await expect(verifyOwnServer(originOf(server), host.nonce)).resolves.toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'taskdesk.db'))).toBe(true);
    expect(await host.start()).toBe(server);
  });

  it('refuses to show a server that does not repeat this process nonce', async () => {
    const squatter = http.createServer((_req, res) => res.writeHead(200, { 'x-taskdesk-instance': 'guess' }).end());
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(squatter.address() as AddressInfo).port}`;
    try {
      await expect(verifyOwnServer(origin, 'a'.repeat(64))).rejects.toThrow(ForeignServerError);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('fails start-up on a taken port with a message naming it and the settings file as the way out', async () => {
    const first = await hostWith({});
    const taken = (await first.host.start()).port;
    const second = await hostWith({ port: taken });
    const failure = await second.host.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    const { message, wayOut } = describeStartupFailure(failure, second.store.file);
    expect(message).toContain(String(taken));
    expect(wayOut).toContain(second.store.file);
  });

  it('notes its address where taskdesk doctor looks, so connect and doctor use the real port, even after a change', async () => {
    const { host, store, dir } = await hostWith({});
    const home = makeHome();
    try {
      const cli = (args: string[]) => home.run([...args, '--data-dir', dir]);
      const first = await host.start();
      fs.mkdirSync(path.dirname(home.fileOf('vscode')), { recursive: true });
      expect((await cli(['connect', 'vscode'])).code).toBe(0);
      expect(entryIn(targetById('vscode'), home.fileOf('vscode')).url).toBe(first.mcpUrl);
      const healthy = await cli(['doctor']);
      expect([healthy.code, healthy.stdout]).toEqual([0, expect.stringContaining(`answers at ${first.mcpUrl}`)]);

      // A new port in the settings, applied by a restart as the window does it.
      await store.write({ ...(await store.read()), port: await freePort() });
      await host.stop();
      const second = await host.start();
      expect(second.mcpUrl).not.toBe(first.mcpUrl);
      const moved = await cli(['doctor', '--json']);
      expect(moved.code).toBe(1);
      expect(JSON.parse(moved.stdout)).toMatchObject({ mcp_url: second.mcpUrl, server_running: true });
      expect((await cli(['doctor', '--fix'])).code).toBe(0);
      expect(entryIn(targetById('vscode'), home.fileOf('vscode')).url).toBe(second.mcpUrl);

      await host.stop();
      expect(fs.existsSync(path.join(dir, 'server.json'))).toBe(false);
    } finally {
      home.remove();
    }
  }, 60_000);

  it('keeps agents paused across a restart', async () => {
    const { host } = await hostWith({});
    host.setAgentsPaused(true);
    await host.start();
    await host.stop();
    expect((await host.start()).agentsPaused()).toBe(true);
  });
});

describe('desktop settings file', () => {
  const tempDir = useTempDirs();

  it('reads the defaults when there is no file, and reads back what it wrote without leaving a temp file', async () => {
    const dir = tempDir();
    const store = createSettingsStore(dir);
    expect(await store.read()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    const next: DesktopSettings = { ...DEFAULT_DESKTOP_SETTINGS, port: 8123, allowed_hosts: ['my-laptop.local'] };
    await store.write(next);
    expect(await store.read()).toEqual(next);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(store.databaseLocation(next)).toEqual({ kind: 'sqlite', path: path.join(dir, 'taskdesk.db') });
  });

  it('names the file and the way out when it is not valid', async () => {
    const dir = tempDir();
    const store = createSettingsStore(dir);
    fs.writeFileSync(store.file, JSON.stringify({ ...DEFAULT_DESKTOP_SETTINGS, port: 80 }));
    await expect(store.read()).rejects.toThrow(SettingsFileError);
    await expect(store.read()).rejects.toThrow(`${store.file} is not valid (port: port must be 1024-65535`);
    fs.writeFileSync(store.file, '{');
    await expect(store.read()).rejects.toThrow('not valid JSON; fix it, or delete it');
  });
});

describe('desktop settings adapter', () => {
  const tempDir = useTempDirs();

  it('reports a restart as pending only for settings the running server uses, and restarts once the answer is out', async () => {
    const store = createSettingsStore(tempDir());
    const startedWith = await store.read();
    let restarts = 0;
    const saved: DesktopSettings[] = [];
    const adapter = createDesktopAdapter({
      store,
      startedWith: () => startedWith,
      onSaved: (settings) => saved.push(settings),
      restart: () => (restarts += 1),
    });
    expect(await adapter.save({ ...startedWith, start_at_login: true })).toMatchObject({ restart_pending: false });
    expect(await adapter.save({ ...startedWith, port: 8124 })).toMatchObject({ restart_pending: true });
    expect(restarts).toBe(0);
    await vi.waitFor(() => expect(restarts).toBe(1));
    expect(saved.map((settings) => settings.port)).toEqual([startedWith.port, 8124]);
    expect((await adapter.settings()).settings.port).toBe(8124);
  });
});
