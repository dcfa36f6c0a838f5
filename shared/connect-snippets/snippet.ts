import type { StdioCommand } from '../api';

export type SnippetLanguage = 'shell' | 'json' | 'python' | 'typescript';

/** One block the connection panel shows with a copy button. */
export interface Snippet {
  title: string;
  language: SnippetLanguage;
  text: string;
  /** Where the text goes, e.g. "Add to ~/.cursor/mcp.json". */
  where?: string;
  /** A link that does the same in one click (Cursor's install deep link). */
  link?: string;
}

export interface SnippetInputs {
  mcpUrl: string;
  /** The secret of the token created for this client. */
  token: string;
  /** How this installation runs `taskdesk stdio`, for clients that only start local processes. */
  stdio: StdioCommand;
}

/** The name every client files TaskDesk under. */
export const SERVER_KEY = 'taskdesk';

export const bearer = (token: string): string => `Bearer ${token}`;
