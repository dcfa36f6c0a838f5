import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../shared/desktop';
import type { DesktopAdapter } from '../http/api/desktop-routes';
import { sqliteTarget } from '../testing/database-targets';
import { describePostgres, PG_TEST_URL } from '../testing/postgres';
import { startTestServer, type TestServer } from '../testing/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Keeps settings the way the desktop app's store does, in memory: what is under test is the server's side. */
function settingsKeeper(): DesktopAdapter & { saved: DesktopSettings[] } {
  let current = DEFAULT_DESKTOP_SETTINGS;
  const saved: DesktopSettings[] = [];
  return {
    saved,
    settings: () => Promise.resolve({ settings: current, restart_pending: saved.length > 0 }),
    save: (next) => {
      current = next;
      saved.push(next);
      return Promise.resolve({ settings: current, restart_pending: true });
    },
  };
}

async function desktopApi(t: TestServer, method: string, path: string, body?: unknown) {
  const origin = new URL(t.server.mcpUrl).origin;
  const { name, value } = t.server.createSession();
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { cookie: `${name}=${value}`, origin, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('what the desktop app needs from the server', () => {
  it('echoes its instance nonce on /healthz, and only when it has one', async () => {
    server = await startTestServer(sqliteTarget, { instanceNonce: 'a'.repeat(64) });
    const health = await fetch(`${new URL(server.server.mcpUrl).origin}/healthz`);
    expect(health.headers.get('x-taskdesk-instance')).toBe('a'.repeat(64));
    const plain = await startTestServer(sqliteTarget);
    const plainHealth = await fetch(`${new URL(plain.server.mcpUrl).origin}/healthz`);
    expect(plainHealth.headers.get('x-taskdesk-instance')).toBeNull();
    await plain.close();
  });

  it('signs a window in with a session cookie it mints itself, no code in any URL', async () => {
    server = await startTestServer(sqliteTarget);
    const { name } = server.server.createSession();
    expect(name).toBe(`taskdesk_session_${server.server.port}`);
    expect((await desktopApi(server, 'GET', '/api/tasks')).status).toBe(200);
  });

  it('refuses tool calls while agents are paused, saying so, and serves them again on resume', async () => {
    server = await startTestServer(sqliteTarget);
    const agent = await server.connect(await server.createToken('Claude Code'));
    server.server.setAgentsPaused(true);
    expect(server.server.agentsPaused()).toBe(true);
    const refused = await agent.callTool({ name: 'add_task', arguments: { title: 'while paused' } });
    expect(refused.isError).toBe(true);
    expect((refused.structuredContent as any).error.message).toMatch(/paused by its user.*Resume agents/);
    const health = await agent.callTool({ name: 'health_check', arguments: {} });
    expect(health.isError).toBeFalsy();

    server.server.setAgentsPaused(false);
    const added = await agent.callTool({ name: 'add_task', arguments: { title: 'after resume' } });
    expect(added.isError).toBeFalsy();
    const listed = await agent.callTool({ name: 'list_tasks', arguments: {} });
    expect((listed.structuredContent as any).data.tasks.map((t: { title: string }) => t.title)).toEqual([
      'after resume',
    ]);
  });

  it('has no settings routes outside the desktop app', async () => {
    server = await startTestServer(sqliteTarget);
    expect((await desktopApi(server, 'GET', '/api/desktop/settings')).status).toBe(404);
  });

  it('reads and saves valid settings, and refuses invalid ones with the reason', async () => {
    const keeper = settingsKeeper();
    server = await startTestServer(sqliteTarget, { desktop: keeper });
    expect((await desktopApi(server, 'GET', '/api/desktop/settings')).body.data).toEqual({
      settings: DEFAULT_DESKTOP_SETTINGS,
      restart_pending: false,
    });
    const bad = await desktopApi(server, 'PUT', '/api/desktop/settings', {
      ...DEFAULT_DESKTOP_SETTINGS,
      port: 80,
      allowed_hosts: ['http://evil.example/x'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/port must be 1024-65535/);
    expect(bad.body.error.message).toMatch(/is not a host name/);
    expect(keeper.saved).toEqual([]);

    const next = { ...DEFAULT_DESKTOP_SETTINGS, port: 7411, allowed_hosts: ['My-Laptop.local'] };
    const saved = await desktopApi(server, 'PUT', '/api/desktop/settings', next);
    expect(saved.status).toBe(200);
    expect(saved.body.data.restart_pending).toBe(true);
    expect(keeper.saved).toEqual([{ ...next, allowed_hosts: ['my-laptop.local'] }]);
  });

  it('refuses to change settings without the page Origin', async () => {
    server = await startTestServer(sqliteTarget, { desktop: settingsKeeper() });
    const { name, value } = server.server.createSession();
    const response = await fetch(`${new URL(server.server.mcpUrl).origin}/api/desktop/settings`, {
      method: 'PUT',
      headers: { cookie: `${name}=${value}`, 'content-type': 'application/json' },
      body: JSON.stringify(DEFAULT_DESKTOP_SETTINGS),
    });
    expect(response.status).toBe(403);
  });
});

describePostgres('testing a Postgres connection from settings', () => {
  it('reports success with the server version, and changes nothing', async () => {
    server = await startTestServer(sqliteTarget, { desktop: settingsKeeper() });
    const result = await desktopApi(server, 'POST', '/api/desktop/test-database', { url: PG_TEST_URL });
    expect(result.status).toBe(200);
    expect(result.body.data.server_version).toMatch(/^\d+/);
  });

  it('reports the exact failure without the password', async () => {
    server = await startTestServer(sqliteTarget, { desktop: settingsKeeper() });
    const unreachable = await desktopApi(server, 'POST', '/api/desktop/test-database', {
      url: 'postgres://someone:s3cret-pw@127.0.0.1:1/tasks',
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.error.message).toMatch(/cannot connect to postgres:\/\/someone:\*+@127\.0\.0\.1:1\/tasks/);
    expect(unreachable.body.error.message).toMatch(/refused/i);
    expect(unreachable.body.error.message).not.toContain('s3cret-pw');
    const url = new URL(PG_TEST_URL);
    url.pathname = '/taskdesk_no_such_database';
    const missing = await desktopApi(server, 'POST', '/api/desktop/test-database', { url: url.href });
    expect(missing.body.error.message).toMatch(/does not exist/);
  });
});
