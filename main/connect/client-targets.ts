import fs from 'node:fs';
import path from 'node:path';
import type { StdioCommand } from '../../shared/api';
import { bearer, SERVER_KEY } from '../../shared/connect-snippets/snippet';
import type { FieldEdit } from './config-document';

/** Where this machine keeps per-user files; read once from the environment by the CLI, given by tests. */
export interface ClientEnvironment {
  home: string;
  platform: NodeJS.Platform;
  /** %APPDATA% on Windows. */
  appData?: string | undefined;
  /** $XDG_CONFIG_HOME on Linux. */
  xdgConfigHome?: string | undefined;
  /** $CODEX_HOME, where Codex keeps config.toml. */
  codexHome?: string | undefined;
  /** $PATH, where client commands such as `claude` are found. */
  path?: string | undefined;
  /** Who connects, `user@host`: marks the tokens connect makes (connect-tokens.ts). */
  account?: string | undefined;
  /** $TASKDESK_APP: the installed TaskDesk app, where it is not in its usual place. */
  taskdeskApp?: string | undefined;
}

/** Whether an executable called `name` is in one of PATH's folders. */
export function onPath(name: string, env: ClientEnvironment): boolean {
  const names = env.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  const folders = (env.path ?? '').split(env.platform === 'win32' ? ';' : ':').filter(Boolean);
  return folders.some((folder) => names.some((each) => fs.existsSync(path.join(folder, each))));
}

export interface EntryInputs {
  mcpUrl: string;
  /** The secret of the client's token; absent for stdio entries, which need none. */
  token: string;
  stdio: StdioCommand;
}

/** One client whose user-level configuration TaskDesk can write. */
export interface ClientTarget {
  id: string;
  name: string;
  /** The label the Connect a client dialog gives its tokens; connect marks its own (connect-tokens.ts). */
  tokenLabel: string;
  format: 'json' | 'toml';
  /** The keys leading to the table of servers, e.g. ['mcpServers']. */
  serversPath: readonly string[];
  transport: 'http' | 'stdio';
  configFile: (env: ClientEnvironment) => string;
  /** Whether the client is on this computer; by default, when its file or that file's folder exists. */
  installed?: (env: ClientEnvironment) => boolean;
  /** The fields TaskDesk owns in its entry, set to `inputs`; every other key of `existing` is the person's. */
  fields: (inputs: EntryInputs, existing: unknown) => FieldEdit[];
  /** The token an existing entry carries, if any. */
  tokenOf: (entry: unknown) => string | undefined;
  /** The URL an HTTP entry points at. */
  urlOf: (entry: unknown) => string | undefined;
}

/** The folder per-user application settings go in: Application Support, %APPDATA%, $XDG_CONFIG_HOME. */
function appSettingsDir(env: ClientEnvironment): string {
  if (env.platform === 'darwin') return path.join(env.home, 'Library', 'Application Support');
  if (env.platform === 'win32') return env.appData ?? path.join(env.home, 'AppData', 'Roaming');
  return env.xdgConfigHome ?? path.join(env.home, '.config');
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The name the Authorization header has in a headers object: the person's own spelling, if there is one. */
const authorizationKey = (headers: unknown): string =>
  Object.keys(record(headers) ?? {}).find((name) => name.toLowerCase() === 'authorization') ?? 'Authorization';

/** The secret of an `Authorization: Bearer <secret>` header in a headers object. */
function bearerIn(headers: unknown): string | undefined {
  const value = record(headers)?.[authorizationKey(headers)];
  return typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] : undefined;
}

/** The secret of a `Bearer <secret>` among a command's arguments or environment (mcp-remote's --header). */
function bearerInWords(entry: Record<string, unknown> | undefined): string | undefined {
  const args: unknown[] = Array.isArray(entry?.args) ? (entry.args as unknown[]) : [];
  const words = [...args, ...Object.values(record(entry?.env) ?? {})];
  for (const word of words) {
    const secret = typeof word === 'string' ? /\bBearer\s+(tdk_\S+)/i.exec(word)?.[1] : undefined;
    if (secret) return secret;
  }
  return undefined;
}

const field = (entry: unknown, name: string): string | undefined => {
  const value = record(entry)?.[name];
  return typeof value === 'string' ? value : undefined;
};

/** An entry for a Streamable HTTP server: its URL in `urlField`, its headers in `headersField`, and maybe a `type`. */
function httpEntry(urlField: string, headersField: string, type?: string) {
  return {
    transport: 'http' as const,
    fields: ({ mcpUrl, token }: EntryInputs, existing: unknown): FieldEdit[] => [
      ...(type ? [{ path: ['type'], value: type }] : []),
      { path: [urlField], value: mcpUrl },
      { path: [headersField, authorizationKey(record(existing)?.[headersField])], value: bearer(token) },
    ],
    tokenOf: (entry: unknown) => bearerIn(record(entry)?.[headersField]),
    urlOf: (entry: unknown) => field(entry, urlField),
  };
}

export const CLIENT_TARGETS = [
  {
    id: 'claude-code',
    name: 'Claude Code',
    tokenLabel: 'Claude Code',
    format: 'json',
    // User scope: `claude mcp add --scope user` writes the same place.
    serversPath: ['mcpServers'],
    configFile: (env) => path.join(env.home, '.claude.json'),
    // Its file sits in the home folder itself, which every computer has.
    installed: (env) => fs.existsSync(path.join(env.home, '.claude.json')) || onPath('claude', env),
    ...httpEntry('url', 'headers', 'http'),
  },
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    tokenLabel: 'Claude Desktop',
    format: 'json',
    serversPath: ['mcpServers'],
    // Claude Desktop starts local processes only; stdio acts as the local user and needs no token.
    transport: 'stdio',
    configFile: (env) => path.join(appSettingsDir(env), 'Claude', 'claude_desktop_config.json'),
    fields: ({ stdio }) => [
      { path: ['command'], value: stdio.command },
      { path: ['args'], value: stdio.args },
      // Set for a Postgres URL, removed otherwise: an old one would name another database.
      { path: ['env', 'TASKDESK_DB'], value: stdio.env?.TASKDESK_DB },
    ],
    // TaskDesk's own stdio entry needs no token; one reaching the server through mcp-remote carries one in its header.
    tokenOf: (entry) => bearerInWords(record(entry)),
    urlOf: () => undefined,
  },
  {
    id: 'cursor',
    name: 'Cursor',
    tokenLabel: 'Cursor',
    format: 'json',
    serversPath: ['mcpServers'],
    configFile: (env) => path.join(env.home, '.cursor', 'mcp.json'),
    ...httpEntry('url', 'headers'),
  },
  {
    id: 'vscode',
    name: 'VS Code',
    tokenLabel: 'VS Code',
    format: 'json',
    serversPath: ['servers'],
    configFile: (env) => path.join(appSettingsDir(env), 'Code', 'User', 'mcp.json'),
    ...httpEntry('url', 'headers', 'http'),
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    tokenLabel: 'Windsurf',
    format: 'json',
    serversPath: ['mcpServers'],
    configFile: (env) => path.join(env.home, '.codeium', 'windsurf', 'mcp_config.json'),
    ...httpEntry('serverUrl', 'headers'),
  },
  {
    id: 'codex',
    name: 'Codex CLI',
    tokenLabel: 'Codex CLI',
    format: 'toml',
    serversPath: ['mcp_servers'],
    configFile: (env) => path.join(env.codexHome ?? path.join(env.home, '.codex'), 'config.toml'),
    ...httpEntry('url', 'http_headers'),
  },
] as const satisfies readonly ClientTarget[];

export type ClientTargetId = (typeof CLIENT_TARGETS)[number]['id'];
export const CLIENT_TARGET_IDS = CLIENT_TARGETS.map((target) => target.id);

export function clientTarget(id: string): ClientTarget | undefined {
  return CLIENT_TARGETS.find((target) => target.id === id);
}

export { SERVER_KEY };
