/**
 * Component tests run the UI against a real TaskDesk server (real HTTP, a
 * real SQLite file, the real session and event stream), signed in the way a
 * browser is: a one-time login code exchanged for a session cookie. Node's
 * fetch has no cookie jar, so the cookie and the page's Origin are added here.
 */
import { EventSource } from 'eventsource';
import { startServer, type RunningServer } from '../../main/app/start-server';
import type { DesktopAdapter } from '../../main/http/api/desktop-routes';
import { createLogger } from '../../main/logging/logger';
import { connectClient, type Client } from '../../main/mcp/testing/connect-client';
import { makeTempDir } from '../../main/testing/temp-dir';
import { testConfig } from '../../main/testing/test-config';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { createApiClient, type ApiClient } from '../lib/api-client';

export interface UiTestServer {
  server: RunningServer;
  /** The home folder the server looks in for client configurations. */
  home: string;
  origin: string;
  /** Signed in as the local user, like the browser that opened the printed link. */
  api: ApiClient;
  /** An official SDK client with a fresh token labelled `label`, as an agent would connect. */
  agent: (label: string) => Promise<Client>;
  close: () => Promise<void>;
}

export interface UiTestServerOptions {
  /** Where the desktop app would keep its settings; adds /api/desktop/* as inside the desktop app. */
  desktop?: DesktopAdapter;
}

export async function startUiTestServer(options: UiTestServerOptions = {}): Promise<UiTestServer> {
  const temp = makeTempDir('taskdesk-ui-');
  const server = await startServer({
    config: testConfig({ database: { kind: 'sqlite', path: `${temp.dir}/taskdesk.db` }, port: 0 }),
    logger: createLogger('silent'),
    desktop: options.desktop,
    // A home of its own: the connection panel reads client configurations from there, never the real one.
    clientEnvironment: { home: temp.dir, platform: 'linux' },
  });
  const origin = new URL(server.mcpUrl).origin;
  const cookie = await signIn(server, origin);
  const withSession = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), cookie, origin },
  });
  const api = createApiClient({
    baseUrl: origin,
    fetch: (input, init) => fetch(input, withSession(init)),
    openEventSource: (url) => new EventSource(url, { fetch: (input, init) => fetch(input, withSession(init)) }),
  });
  const agents: Client[] = [];
  return {
    server,
    home: temp.dir,
    origin,
    api,
    agent: async (label) => {
      const created = await server.services.tokens.create({ label });
      if (!created.ok) throw new Error(created.error.message);
      const client = await connectClient(server.mcpUrl, created.value.token, label);
      agents.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(agents.map((client) => client.close()));
      await server.close();
      temp.remove();
    },
  };
}

async function signIn(server: RunningServer, origin: string): Promise<string> {
  const code = new URLSearchParams(new URL(server.createLoginUrl()).hash.slice(1)).get(LOGIN_FRAGMENT_KEY);
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed with HTTP ${response.status}`);
  return cookie;
}
