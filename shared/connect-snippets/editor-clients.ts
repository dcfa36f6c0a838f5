import { base64Utf8, jsonBlock, shellCommand } from './quote';
import { bearer, SERVER_KEY, type Snippet, type SnippetInputs } from './snippet';

/**
 * The mcp-remote release the Claude Desktop snippet runs. 0.1.16 is the
 * oldest safe one (earlier releases let a server run commands on the
 * client). The tests run this exact version from node_modules, so change it
 * together with the devDependency.
 */
export const MCP_REMOTE_VERSION = '0.15.1';

/** Claude Desktop config files may set env; its value may hold spaces that args may not. */
const AUTH_ENV = 'AUTH_HEADER';

const CLAUDE_DESKTOP_CONFIG =
  'Add to claude_desktop_config.json (Claude Desktop: Settings, Developer, Edit Config), then restart Claude Desktop';

const httpServer = ({ mcpUrl, token }: SnippetInputs) => ({ url: mcpUrl, headers: { Authorization: bearer(token) } });

export function claudeCodeSnippets({ mcpUrl, token }: SnippetInputs): Snippet[] {
  // --header is variadic, so it goes after the name and URL, where it cannot swallow them.
  // One line, with double quotes where needed, so that it pastes into any shell.
  const add = ['claude', 'mcp', 'add', '--transport', 'http', SERVER_KEY, mcpUrl];
  const text = shellCommand([[...add, '--header', `Authorization: ${bearer(token)}`]]);
  return [{ title: 'Add TaskDesk to Claude Code', language: 'shell', text, where: 'Run in a terminal' }];
}

export function cursorSnippets(inputs: SnippetInputs): Snippet[] {
  const server = httpServer(inputs);
  const config = encodeURIComponent(base64Utf8(JSON.stringify(server)));
  return [
    {
      title: 'Add TaskDesk to Cursor',
      language: 'json',
      text: jsonBlock({ mcpServers: { [SERVER_KEY]: server } }),
      where: 'Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project), or open the install link',
      link: `cursor://anysphere.cursor-deeplink/mcp/install?name=${SERVER_KEY}&config=${config}`,
    },
  ];
}

export function vscodeSnippets(inputs: SnippetInputs): Snippet[] {
  return [
    {
      title: 'Add TaskDesk to VS Code',
      language: 'json',
      text: jsonBlock({ servers: { [SERVER_KEY]: { type: 'http', ...httpServer(inputs) } } }),
      where: 'Add to .vscode/mcp.json in your workspace',
    },
  ];
}

/** Claude Desktop's config file takes only local commands. */
export function claudeDesktopSnippets({ mcpUrl, token, stdio }: SnippetInputs): Snippet[] {
  // TaskDesk speaks only Streamable HTTP: without http-only, a refused token would
  // be retried over the old SSE transport and reported as that failing instead.
  const header = `Authorization:\${${AUTH_ENV}}`;
  const remoteArgs = ['-y', `mcp-remote@${MCP_REMOTE_VERSION}`, mcpUrl, '--transport', 'http-only', '--header', header];
  return [
    {
      title: 'Run TaskDesk over stdio (acts as the local user, no token needed)',
      language: 'json',
      // env carries the database location when it cannot travel in args (a Postgres URL):
      // without it the process would open the default SQLite file, a different, empty database.
      text: jsonBlock({
        mcpServers: {
          [SERVER_KEY]: { command: stdio.command, args: stdio.args, ...(stdio.env ? { env: stdio.env } : {}) },
        },
      }),
      where: CLAUDE_DESKTOP_CONFIG,
    },
    {
      // Claude Desktop on Windows splits args at spaces, so the header's value
      // travels in env and mcp-remote substitutes it.
      title: 'Or reach the running server through mcp-remote, with this token',
      language: 'json',
      text: jsonBlock({
        mcpServers: { [SERVER_KEY]: { command: 'npx', args: remoteArgs, env: { [AUTH_ENV]: bearer(token) } } },
      }),
      where: `${CLAUDE_DESKTOP_CONFIG}; needs Node.js for npx`,
    },
  ];
}
