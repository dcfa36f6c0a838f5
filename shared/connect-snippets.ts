/**
 * The "Connect a client" snippets: for each client, the text to paste, built
 * from this server's URL, a token made for that client and the stdio command.
 * Pure, so the connection panel and the README's examples share one source;
 * main/connect/connect-snippets.test.ts connects with every snippet as parsed.
 */
import { agentsJsSnippets, agentsPythonSnippets, curlSnippets } from './connect-snippets/code-clients';
import {
  claudeCodeSnippets,
  claudeDesktopSnippets,
  cursorSnippets,
  vscodeSnippets,
} from './connect-snippets/editor-clients';
import type { Snippet, SnippetInputs } from './connect-snippets/snippet';

export type { Snippet, SnippetInputs, SnippetLanguage } from './connect-snippets/snippet';
export { SERVER_KEY } from './connect-snippets/snippet';
export { MCP_REMOTE_VERSION } from './connect-snippets/editor-clients';
export { CURL_PROTOCOL_VERSION } from './connect-snippets/code-clients';

export interface ConnectClient {
  id: string;
  name: string;
  /** The label the client's token gets, so its calls show up under this name in the log. */
  tokenLabel: string;
}

export const CONNECT_CLIENTS = [
  { id: 'claude-code', name: 'Claude Code', tokenLabel: 'Claude Code' },
  { id: 'claude-desktop', name: 'Claude Desktop', tokenLabel: 'Claude Desktop' },
  { id: 'cursor', name: 'Cursor', tokenLabel: 'Cursor' },
  { id: 'vscode', name: 'VS Code', tokenLabel: 'VS Code' },
  { id: 'openai-agents-python', name: 'OpenAI Agents SDK (Python)', tokenLabel: 'OpenAI Agents SDK (Python)' },
  { id: 'openai-agents-js', name: 'OpenAI Agents SDK (JS)', tokenLabel: 'OpenAI Agents SDK (JS)' },
  { id: 'curl', name: 'Other (curl)', tokenLabel: 'curl' },
] as const satisfies readonly ConnectClient[];

export type ConnectClientId = (typeof CONNECT_CLIENTS)[number]['id'];

const BUILDERS: Record<ConnectClientId, (inputs: SnippetInputs) => Snippet[]> = {
  'claude-code': claudeCodeSnippets,
  'claude-desktop': claudeDesktopSnippets,
  cursor: cursorSnippets,
  vscode: vscodeSnippets,
  'openai-agents-python': agentsPythonSnippets,
  'openai-agents-js': agentsJsSnippets,
  curl: curlSnippets,
};

/** What to paste into one client to connect it to this server. */
export function buildSnippets(clientId: ConnectClientId, inputs: SnippetInputs): Snippet[] {
  return BUILDERS[clientId](inputs);
}
