import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Client } from '../mcp/testing/connect-client';
import { connectOverHttp, connectOverStdio } from '../mcp/testing/snippet-transports';
import { sqliteTarget } from '../testing/database-targets';
import { runCli, type CliResult } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';
import { startTestServer, type TestServer } from '../testing/test-server';
import { CLIENT_TARGETS, SERVER_KEY, type ClientEnvironment, type ClientTarget } from './client-targets';
import { documentFor, valueAt } from './config-documents';

export const TOOLS = [
  'add_note',
  'add_task',
  'claim_task',
  'complete_task',
  'delete_task',
  'get_task',
  'health_check',
  'list_projects',
  'list_tasks',
  'release_task',
  'update_task',
];

/** Any TaskDesk token's secret, wherever it turns up. */
export const ANY_TOKEN = /tdk_[a-z0-9]{12}_/;

export const targetById = (id: string): ClientTarget => {
  const target = CLIENT_TARGETS.find((candidate) => candidate.id === id);
  if (!target) throw new Error(`no client ${id}`);
  return target;
};

export interface TestHome {
  dir: string;
  env: ClientEnvironment;
  /** `taskdesk ...` run as this home's user; `env` adds to or unsets (undefined) its environment. */
  run: (args: string[], env?: Record<string, string | undefined>) => Promise<CliResult>;
  fileOf: (id: string) => string;
  remove: () => void;
}

/**
 * A home directory of its own for one test. The client-related variables of
 * this machine are unset, and PATH holds no client's binary, so only what the
 * test places there is found.
 */
export function makeHome(): TestHome {
  const temp = makeTempDir('taskdesk-home-');
  const env: ClientEnvironment = { home: temp.dir, platform: 'linux' };
  return {
    dir: temp.dir,
    env,
    run: (args, extra = {}) =>
      runCli(args, {
        HOME: temp.dir,
        APPDATA: undefined,
        XDG_CONFIG_HOME: undefined,
        CODEX_HOME: undefined,
        TASKDESK_PORT: undefined,
        TASKDESK_DATA_DIR: undefined,
        TASKDESK_APP: undefined,
        PATH: path.join(temp.dir, 'bin'),
        ...extra,
      }),
    fileOf: (id) => targetById(id).configFile(env),
    remove: temp.remove,
  };
}

/** In a describe block: a maker of homes that are all removed after each test. */
export function useHomes(): () => TestHome {
  const made: TestHome[] = [];
  afterEach(() => {
    for (const home of made.splice(0)) home.remove();
  });
  return () => {
    const home = makeHome();
    made.push(home);
    return home;
  };
}

/** A real server on a fresh SQLite file for the whole test file; its fields are set once it runs. */
export function useSqliteServer(): { server: TestServer; databasePath: string } {
  const shared = {} as { server: TestServer; databasePath: string };
  beforeAll(async () => {
    shared.server = await startTestServer(sqliteTarget);
    if (shared.server.location.kind !== 'sqlite') throw new Error('expected a SQLite test server');
    shared.databasePath = shared.server.location.path;
  });
  afterAll(() => shared.server.close());
  return shared;
}

export interface ServerHome extends TestHome {
  /** `taskdesk ...` against the shared server's database, at its port unless `port` says otherwise. */
  cli: (args: string[], options?: { port?: number; env?: Record<string, string | undefined> }) => Promise<CliResult>;
}

/** In a describe block: homes whose `cli` talks to `shared`'s server, removed after each test. */
export function useServerHomes(shared: { server: TestServer; databasePath: string }): () => ServerHome {
  const newHome = useHomes();
  return () => {
    const home = newHome();
    const cli: ServerHome['cli'] = (args, options = {}) => {
      const port = options.port ?? shared.server.server.port;
      return home.run([...args, '--db', shared.databasePath, '--port', String(port)], options.env);
    };
    return { ...home, cli };
  };
}

export function place(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export const backupsOf = (file: string) =>
  fs.existsSync(path.dirname(file))
    ? fs
        .readdirSync(path.dirname(file))
        .filter((name) => name.startsWith(`${path.basename(file)}.`) && name.endsWith('.taskdesk-backup'))
    : [];

export const entryIn = (target: ClientTarget, file: string) =>
  valueAt(documentFor(target.format).parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), [
    ...target.serversPath,
    SERVER_KEY,
  ]) as Record<string, unknown>;

/** Connects with exactly what the file says, as the client itself would, and lists the tools. */
export async function useEntry(target: ClientTarget, entry: Record<string, unknown>): Promise<string[]> {
  let client: Client;
  if (target.transport === 'stdio') {
    client = await connectOverStdio(
      {
        command: entry.command as string,
        args: entry.args as string[],
        ...(entry.env ? { env: entry.env as Record<string, string> } : {}),
      },
      target.name,
    );
  } else {
    const url = (entry.url ?? entry.serverUrl) as string;
    const headers = (entry.headers ?? entry.http_headers) as Record<string, string>;
    client = await connectOverHttp(url, { headers }, target.name);
  }
  try {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  } finally {
    await client.close();
  }
}

/** A fake installed TaskDesk app: with --stdio it serves `taskdesk stdio` with the rest of its arguments. */
export function placeFakeApp(file: string, bin: string): string {
  place(file, `#!/bin/sh\n[ "$1" = --stdio ] || exit 64\nshift\nexec "${process.execPath}" "${bin}" stdio "$@"\n`);
  fs.chmodSync(file, 0o755);
  return file;
}
