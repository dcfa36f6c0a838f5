import path from 'node:path';
import type { StdioCommand } from '../../shared/api';
import { bearer, SERVER_KEY } from '../../shared/connect-snippets/snippet';

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
  /** The label its token gets, as in the connection panel. */
  tokenLabel: string;
  format: 'json' | 'toml';
  /** The keys leading to the table of servers, e.g. ['mcpServers']. */
  serversPath: readonly string[];
  transport: 'http' | 'stdio';
  configFile: (env: ClientEnvironment) => string;
  /** The `taskdesk` entry to write. */
  entry: (inputs: EntryInputs) => Record<string, unknown>;
  /** The token an existing entry carries, if any. */
  tokenOf: (entry: unknown) => string | undefined;
  /** Where the entry points: its URL, or its command line for stdio. */
  pointsAt: (entry: unknown) => string | undefined;
}

/** The folder per-user application settings go in: Application Support, %APPDATA%, $XDG_CONFIG_HOME. */
function appSettingsDir(env: ClientEnvironment): string {
  if (env.platform === 'darwin') return path.join(env.home, 'Library', 'Application Support');
  if (env.platform === 'win32') return env.appData ?? path.join(env.home, 'AppData', 'Roaming');
  return env.xdgConfigHome ?? path.join(env.home, '.config');
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The secret of an `Authorization: Bearer <secret>` header in a headers object. */
function bearerIn(headers: unknown): string | undefined {
  const entries = Object.entries(record(headers) ?? {});
  const value = entries.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] : undefined;
}

const field = (entry: unknown, name: string): string | undefined => {
  const value = record(entry)?.[name];
  return typeof value === 'string' ? value : undefined;
};

const commandLine = (entry: unknown): string | undefined => {
  const command = field(entry, 'command');
  const args = record(entry)?.args;
  if (command === undefined) return undefined;
  return [command, ...(Array.isArray(args) ? args.map(String) : [])].join(' ');
};

/** An entry for a Streamable HTTP server whose URL field is `urlField`. */
function httpEntry(urlField: string, extra: Record<string, unknown> = {}) {
  return {
    transport: 'http' as const,
    entry: ({ mcpUrl, token }: EntryInputs) => ({
      ...extra,
      [urlField]: mcpUrl,
      headers: { Authorization: bearer(token) },
    }),
    tokenOf: (entry: unknown) => bearerIn(record(entry)?.headers),
    pointsAt: (entry: unknown) => field(entry, urlField),
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
    ...httpEntry('url', { type: 'http' }),
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
    entry: ({ stdio }) => ({ command: stdio.command, args: stdio.args, ...(stdio.env ? { env: stdio.env } : {}) }),
    tokenOf: () => undefined,
    pointsAt: commandLine,
  },
  {
    id: 'cursor',
    name: 'Cursor',
    tokenLabel: 'Cursor',
    format: 'json',
    serversPath: ['mcpServers'],
    configFile: (env) => path.join(env.home, '.cursor', 'mcp.json'),
    ...httpEntry('url'),
  },
  {
    id: 'vscode',
    name: 'VS Code',
    tokenLabel: 'VS Code',
    format: 'json',
    serversPath: ['servers'],
    configFile: (env) => path.join(appSettingsDir(env), 'Code', 'User', 'mcp.json'),
    ...httpEntry('url', { type: 'http' }),
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    tokenLabel: 'Windsurf',
    format: 'json',
    serversPath: ['mcpServers'],
    configFile: (env) => path.join(env.home, '.codeium', 'windsurf', 'mcp_config.json'),
    ...httpEntry('serverUrl'),
  },
  {
    id: 'codex',
    name: 'Codex CLI',
    tokenLabel: 'Codex CLI',
    format: 'toml',
    serversPath: ['mcp_servers'],
    transport: 'http',
    configFile: (env) => path.join(env.codexHome ?? path.join(env.home, '.codex'), 'config.toml'),
    entry: ({ mcpUrl, token }) => ({ url: mcpUrl, http_headers: { Authorization: bearer(token) } }),
    tokenOf: (entry) => bearerIn(record(entry)?.http_headers),
    pointsAt: (entry) => field(entry, 'url'),
  },
] as const satisfies readonly ClientTarget[];

export type ClientTargetId = (typeof CLIENT_TARGETS)[number]['id'];
export const CLIENT_TARGET_IDS = CLIENT_TARGETS.map((target) => target.id);

export function clientTarget(id: string): ClientTarget | undefined {
  return CLIENT_TARGETS.find((target) => target.id === id);
}

export { SERVER_KEY };
