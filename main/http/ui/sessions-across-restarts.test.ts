import { afterEach, describe, expect, it } from 'vitest';
import { LOGIN_FRAGMENT_KEY } from '../../../shared/api';
import { LOCAL_USER_ID } from '../../../shared/limits';
import { openTestDatabase, sqliteTarget } from '../../testing/database-targets';
import { createLogger } from '../../logging/logger';
import { runCli, startServeProcess, type ServeProcess } from '../../testing/run-cli';
import { makeTempDir } from '../../testing/temp-dir';
import { createUiSessionRepository } from '../../db/ui-session-repository';
import { createUiSessions, SESSION_TTL_MS } from './ui-sessions';

const codeOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get(LOGIN_FRAGMENT_KEY) ?? '';

let running: ServeProcess | undefined;
const temps: { remove: () => void }[] = [];
afterEach(async () => {
  await running?.stop('SIGTERM');
  running = undefined;
  for (const temp of temps.splice(0)) temp.remove();
});

async function signIn(origin: string, code: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code }),
  });
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

const sessionStatus = async (origin: string, cookie: string) =>
  (await fetch(`${origin}/api/session`, { headers: { cookie } })).status;

/** `taskdesk serve` on a data directory of its own, on the same port each time it is started. */
function serverOnDisk() {
  const temp = makeTempDir('taskdesk-restart-');
  temps.push(temp);
  let port = 0;
  return {
    dataDir: temp.dir,
    start: async () => {
      running = await startServeProcess(['--port', String(port), '--data-dir', temp.dir]);
      port = running.ready.port;
      return { origin: `http://127.0.0.1:${port}`, uiUrl: running.ready.uiUrl, port };
    },
    stop: async () => {
      await running?.stop('SIGTERM');
      running = undefined;
    },
  };
}

describe('browser sessions across a server restart', () => {
  it('keep a signed-in browser signed in after the server restarts, until it signs out', async () => {
    const server = serverOnDisk();
    const first = await server.start();
    const { status, cookie } = await signIn(first.origin, codeOf(first.uiUrl));
    expect(status).toBe(200);
    await server.stop();

    const second = await server.start();
    expect(second.port).toBe(first.port);
    expect(await sessionStatus(second.origin, cookie)).toBe(200);
    const signOut = await fetch(`${second.origin}/api/session`, {
      method: 'DELETE',
      headers: { cookie, origin: second.origin },
    });
    expect(signOut.status).toBe(200);
    await server.stop();

    const third = await server.start();
    expect(await sessionStatus(third.origin, cookie)).toBe(401);
  }, 60_000);

  it('taskdesk ui-link prints a one-time link that signs in to the running server, which keeps running', async () => {
    const server = serverOnDisk();
    const { origin, port } = await server.start();
    const printed = await runCli(['ui-link', '--port', String(port), '--data-dir', server.dataDir, '--json']);
    expect(printed.code).toBe(0);
    const { uiUrl } = JSON.parse(printed.stdout) as { uiUrl: string };
    expect(uiUrl.startsWith(`${origin}/#${LOGIN_FRAGMENT_KEY}=`)).toBe(true);
    const once = await signIn(origin, codeOf(uiUrl));
    expect(once.status).toBe(200);
    expect(await sessionStatus(origin, once.cookie)).toBe(200);
    expect((await signIn(origin, codeOf(uiUrl))).status).toBe(401);

    const human = await runCli(['ui-link', '--port', String(port), '--data-dir', server.dataDir]);
    expect(human.stdout).toMatch(
      /^Open this link to sign in \(it works once, for 15 minutes\): http:\/\/127\.0\.0\.1:\d+\/#login=/,
    );
    expect(human.stdout).not.toContain('No TaskDesk server answers');
  }, 60_000);
});

describe('signing out', () => {
  it('ends a session for good even when it signs out the moment it signed in', async () => {
    const database = await openTestDatabase(sqliteTarget);
    try {
      const options = {
        userId: LOCAL_USER_ID,
        store: createUiSessionRepository(database.handle),
        logger: createLogger('silent'),
      };
      const sessions = createUiSessions(options);
      const opened = sessions.open();
      await sessions.end(opened);
      await sessions.flush();
      // As a server started afterwards would see it.
      expect(await createUiSessions(options).find(opened)).toBeUndefined();
    } finally {
      await database.cleanup();
    }
  });
});

describe('session expiry', () => {
  it('ends a session after its lifetime, in memory and in the database alike', async () => {
    const database = await openTestDatabase(sqliteTarget);
    try {
      let now = Date.parse('2026-12-01T00:00:00.000Z');
      const options = {
        userId: LOCAL_USER_ID,
        store: createUiSessionRepository(database.handle),
        logger: createLogger('silent'),
        clock: () => now,
      };
      const sessions = createUiSessions(options);
      const id = await sessions.exchange(sessions.createLoginCode());
      await sessions.flush();
      expect(await sessions.find(id)).toBeDefined();
      // A fresh process reads it from the database.
      expect(await createUiSessions(options).find(id)).toMatchObject({ userId: LOCAL_USER_ID });
      now += SESSION_TTL_MS + 1;
      expect(await sessions.find(id)).toBeUndefined();
      expect(await createUiSessions(options).find(id)).toBeUndefined();
    } finally {
      await database.cleanup();
    }
  });
});
