import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  buildSnippets,
  CONNECT_CLIENTS,
  CURL_PROTOCOL_VERSION,
  MCP_REMOTE_VERSION,
  SERVER_KEY,
  type ConnectClientId,
  type Snippet,
} from '../../shared/connect-snippets';
import type { Client } from '../mcp/testing/connect-client';
import { connectOverHttp, connectOverStdio, type LocalCommand } from '../mcp/testing/snippet-transports';
import { stdioCommandFor } from '../app/ui-edge';
import { postgresTarget } from '../testing/database-targets';
import { startTestServer } from '../testing/test-server';
import { describePostgres } from '../testing/postgres';
import { makeTempDir } from '../testing/temp-dir';
import { useSqliteServer } from './connect-test-kit';
import {
  flagValues,
  newExpressionArgument,
  parseHeader,
  pythonCalls,
  shellWords,
  typescriptSyntaxErrors,
} from '../testing/snippet-parsers';

const TOOLS = [
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
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const shared = useSqliteServer();

/** The snippets for one client, built with this server's URL, a fresh token labelled for that client, and stdio. */
async function snippetsFor(clientId: ConnectClientId): Promise<Snippet[]> {
  const client = CONNECT_CLIENTS.find((candidate) => candidate.id === clientId);
  if (!client) throw new Error(`unknown client ${clientId}`);
  const stdio = stdioCommandFor({ kind: 'sqlite', path: shared.databasePath });
  return buildSnippets(clientId, {
    mcpUrl: shared.server.server.mcpUrl,
    token: await shared.server.createToken(client.tokenLabel),
    stdio,
  });
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

async function toolNames(connecting: Promise<Client>): Promise<string[]> {
  const client = await connecting;
  try {
    const { tools } = await client.listTools();
    return tools.map((tool) => tool.name).sort();
  } finally {
    await client.close();
  }
}

const listOverHttp = (url: unknown, headers: unknown, name: string) =>
  toolNames(connectOverHttp(String(url), { headers: headers as Record<string, string> }, name));

interface ServerEntry {
  url?: string;
  type?: string;
  headers?: Record<string, string>;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
}
const entryIn = (text: string, key: 'mcpServers' | 'servers'): ServerEntry =>
  (JSON.parse(text) as Record<string, Record<string, ServerEntry> | undefined>)[key]?.[SERVER_KEY] ?? {};

describe('connect snippets', () => {
  it('the Claude Code command connects with the URL and token it carries', async () => {
    const argv = await shellWords(only(await snippetsFor('claude-code')).text);
    expect(argv.slice(0, 6)).toEqual(['claude', 'mcp', 'add', '--transport', 'http', SERVER_KEY]);
    const [name, value] = parseHeader(only(flagValues(argv, '--header')));
    expect(await listOverHttp(argv[6], { [name]: value }, 'claude-code')).toEqual(TOOLS);
  });

  it('the Cursor mcp.json entry and its install link each connect with the URL and headers they hold', async () => {
    const snippet = only(await snippetsFor('cursor'));
    const entry = entryIn(snippet.text, 'mcpServers');
    expect(await listOverHttp(entry.url, entry.headers, 'cursor')).toEqual(TOOLS);

    const link = new URL(snippet.link ?? '');
    expect([link.protocol, link.host, link.pathname]).toEqual(['cursor:', 'anysphere.cursor-deeplink', '/mcp/install']);
    expect(link.searchParams.get('name')).toBe(SERVER_KEY);
    const config = JSON.parse(
      Buffer.from(link.searchParams.get('config') ?? '', 'base64').toString('utf8'),
    ) as ServerEntry;
    expect(await listOverHttp(config.url, config.headers, 'cursor-link')).toEqual(TOOLS);
  });

  it('the VS Code mcp.json entry connects over HTTP with the headers it holds', async () => {
    const entry = entryIn(only(await snippetsFor('vscode')).text, 'servers');
    expect(entry.type).toBe('http');
    expect(await listOverHttp(entry.url, entry.headers, 'vscode')).toEqual(TOOLS);
  });

  it('the Claude Desktop stdio entry runs TaskDesk on the server’s own database, without a token', async () => {
    const [stdio] = await snippetsFor('claude-desktop');
    const entry = entryIn(stdio?.text ?? '', 'mcpServers');
    expect(JSON.stringify(entry)).not.toContain('tdk_');
    expect(entry.args).toContain(shared.databasePath);
    const client = await connectOverStdio({ command: entry.command ?? '', args: entry.args ?? [] }, 'Claude Desktop');
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      await client.callTool({ name: 'add_task', arguments: { title: 'added from Claude Desktop' } });
    } finally {
      await client.close();
    }
    const listed = await shared.server.server.services.tasks.list('local', { query: 'added from Claude Desktop' });
    expect(listed.ok && listed.value.tasks.map((task) => task.title)).toEqual(['added from Claude Desktop']);
  });

  it('the Claude Desktop mcp-remote entry connects through the pinned mcp-remote, the header coming from its env', async () => {
    const [, remote] = await snippetsFor('claude-desktop');
    const entry = entryIn(remote?.text ?? '', 'mcpServers');
    const installed = JSON.parse(readFileSync(`${ROOT}node_modules/mcp-remote/package.json`, 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(MCP_REMOTE_VERSION);
    expect(entry.command).toBe('npx');
    expect(entry.args?.slice(0, 2)).toEqual(['-y', `mcp-remote@${MCP_REMOTE_VERSION}`]);
    // No argument may hold a space: Claude Desktop on Windows splits them there.
    expect(entry.args?.filter((arg) => arg.includes(' '))).toEqual([]);

    const config = makeTempDir();
    try {
      // The test's own additions: npx must use the installed package rather than the
      // network, and mcp-remote keeps its state in a temporary directory.
      const env = { ...entry.env, npm_config_offline: 'true', MCP_REMOTE_CONFIG_DIR: config.dir };
      const local: LocalCommand = { command: entry.command ?? '', args: entry.args ?? [], env, cwd: ROOT };
      expect(await toolNames(connectOverStdio(local, 'Claude Desktop via mcp-remote'))).toEqual(TOOLS);
    } finally {
      config.remove();
    }
  });

  it('the Python Agents SDK example passes MCPServerStreamableHttp params that connect', async () => {
    const source = only(await snippetsFor('openai-agents-python')).text;
    const calls = await pythonCalls(source, ['MCPServerStreamableHttp', 'Agent']);
    const mcpServer = calls.MCPServerStreamableHttp;
    expect(mcpServer?.keywords.name).toBe('TaskDesk');
    expect(calls.Agent?.keywords.mcp_servers).toEqual({ $expression: `[${mcpServer?.boundTo ?? ''}]` });
    const params = mcpServer?.keywords.params as ServerEntry;
    expect(await listOverHttp(params.url, params.headers, 'openai-agents-python')).toEqual(TOOLS);
  });

  it('the JavaScript Agents SDK example passes MCPServerStreamableHttp options that connect', async () => {
    const source = only(await snippetsFor('openai-agents-js')).text;
    expect(typescriptSyntaxErrors(source)).toEqual([]);
    const options = newExpressionArgument(source, 'MCPServerStreamableHttp') as {
      url: string;
      name: string;
      requestInit: { headers: Record<string, string> };
    };
    expect(options.name).toBe('TaskDesk');
    // @openai/agents passes requestInit to the SDK's Streamable HTTP transport unchanged.
    const client = connectOverHttp(options.url, options.requestInit, 'openai-agents-js');
    expect(await toolNames(client)).toEqual(TOOLS);
  });

  it('the curl command, run as written, lists the eleven tools', async () => {
    const [program, ...args] = await shellWords(only(await snippetsFor('curl')).text);
    expect(program).toBe('curl');
    expect(flagValues(args, '-H')).toContain(`MCP-Protocol-Version: ${CURL_PROTOCOL_VERSION}`);
    const { stdout } = await promisify(execFile)(program ?? '', args);
    const answer = JSON.parse(stdout) as { id: number; result: { tools: { name: string }[] } };
    expect(answer.id).toBe(1);
    expect(answer.result.tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
  });
});

describe('connect snippets with awkward values', () => {
  const mcpUrl = `http://127.0.0.1:7410/mcp?note=it's "$HOME" \`id\` %PATH% !! *`;
  const token = `tdk_a'b"c$d\\e f`;
  const stdio = { command: 'C:\\Program Files\\nodejs\\node.exe', args: ['/it\'s "here"/taskdesk.js', 'stdio'] };
  const snippets = (clientId: ConnectClientId) => buildSnippets(clientId, { mcpUrl, token, stdio });

  it('quotes them so that each language reads them back unchanged', async () => {
    const claudeCode = await shellWords(only(snippets('claude-code')).text);
    expect([claudeCode[6], ...flagValues(claudeCode, '--header')]).toEqual([mcpUrl, `Authorization: Bearer ${token}`]);
    const curl = await shellWords(only(snippets('curl')).text);
    expect([curl[2], flagValues(curl, '-H')[0]]).toEqual([mcpUrl, `Authorization: Bearer ${token}`]);

    const http = { url: mcpUrl, headers: { Authorization: `Bearer ${token}` } };
    expect(entryIn(only(snippets('cursor')).text, 'mcpServers')).toEqual(http);
    expect(entryIn(only(snippets('vscode')).text, 'servers')).toEqual({ type: 'http', ...http });
    const [local, remote] = snippets('claude-desktop').map((snippet) => entryIn(snippet.text, 'mcpServers'));
    expect(local).toEqual(stdio);
    expect(remote?.args?.[2]).toBe(mcpUrl);
    expect(Object.values(remote?.env ?? {})).toEqual([`Bearer ${token}`]);

    const python = await pythonCalls(only(snippets('openai-agents-python')).text, ['MCPServerStreamableHttp']);
    expect(python.MCPServerStreamableHttp?.keywords.params).toEqual(http);
    const js = newExpressionArgument(only(snippets('openai-agents-js')).text, 'MCPServerStreamableHttp');
    expect(js).toMatchObject({ url: mcpUrl, requestInit: { headers: http.headers } });
  });
});

describePostgres('the Claude Desktop stdio entry on Postgres', () => {
  it("runs TaskDesk on the server's Postgres database, which travels in env", async () => {
    const postgres = await startTestServer(postgresTarget);
    try {
      if (postgres.location.kind !== 'postgres') throw new Error('expected a Postgres test server');
      const [stdio] = buildSnippets('claude-desktop', {
        mcpUrl: postgres.server.mcpUrl,
        token: await postgres.createToken('Claude Desktop'),
        stdio: stdioCommandFor(postgres.location),
      });
      const entry = entryIn(stdio?.text ?? '', 'mcpServers');
      const client = await connectOverStdio(
        { command: entry.command ?? '', args: entry.args ?? [], env: entry.env ?? {} },
        'Claude Desktop',
      );
      try {
        await client.callTool({ name: 'add_task', arguments: { title: 'stored in Postgres over stdio' } });
      } finally {
        await client.close();
      }
      const listed = await postgres.server.services.tasks.list('local', { query: 'stored in Postgres' });
      expect(listed.ok && listed.value.tasks.map((task) => task.title)).toEqual(['stored in Postgres over stdio']);
    } finally {
      await postgres.close();
    }
  });
});
