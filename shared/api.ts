/**
 * The contract between the UI and the local server's JSON API under /api/.
 * Every route answers with the same envelope as the MCP tools
 * (`{status:'success',data}` or `{status:'error',error:{code,message}}`), so a
 * validation message reads the same to a person as to an agent. Requests and
 * answers are validated against shared/ schemas on the server; the types here
 * describe what the UI receives.
 */
import { z } from 'zod';
import type { DatabaseKind } from './database-kind';
import { ERROR_CODES } from './result';
import type { ProjectSummary, Task } from './task';
import type { CreatedToken, TokenInfo } from './token-schemas';
import type { ToolCall } from './tool-call';

export const API_PREFIX = '/api/';

/** Codes of /api answers: the task service's, plus the HTTP layer's own refusals. */
export const API_ERROR_CODES = [
  ...ERROR_CODES,
  'unauthorized',
  'forbidden',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Where the UI asks for things; ids are URL-encoded by the client. */
export const API_ROUTES = {
  session: '/api/session',
  status: '/api/status',
  connection: '/api/connection',
  tasks: '/api/tasks',
  deletedTasks: '/api/tasks/deleted',
  task: (id: string) => `/api/tasks/${encodeURIComponent(id)}`,
  completeTask: (id: string) => `/api/tasks/${encodeURIComponent(id)}/complete`,
  restoreTask: (id: string) => `/api/tasks/${encodeURIComponent(id)}/restore`,
  taskDetail: (id: string) => `/api/tasks/${encodeURIComponent(id)}/detail`,
  taskNotes: (id: string) => `/api/tasks/${encodeURIComponent(id)}/notes`,
  releaseTask: (id: string) => `/api/tasks/${encodeURIComponent(id)}/release`,
  undoTaskEvent: (id: string) => `/api/tasks/${encodeURIComponent(id)}/undo`,
  projects: '/api/projects',
  project: (id: string) => `/api/projects/${encodeURIComponent(id)}`,
  toolCalls: '/api/tool-calls',
  tokens: '/api/tokens',
  revokeToken: (id: string) => `/api/tokens/${encodeURIComponent(id)}/revoke`,
  clients: '/api/clients',
  connectClient: (id: string) => `/api/clients/${encodeURIComponent(id)}/connect`,
  events: '/api/events',
} as const;

/**
 * The login code travels in the URL fragment (`/#login=CODE`): a fragment is
 * never sent to a server, so it cannot end up in an access log or a Referer.
 * The UI posts it to /api/session and then removes it from the address bar.
 */
export const LOGIN_FRAGMENT_KEY = 'login';

/** How a client that only starts local processes (Claude Desktop) runs TaskDesk over stdio. */
export interface StdioCommand {
  command: string;
  args: string[];
  /** Set when the database location must travel outside the arguments (a Postgres URL). */
  env?: Record<string, string>;
}

/** GET /api/status: what the connection panel and status bar show. */
export interface ServerStatus {
  version: string;
  mcp_url: string;
  database: { kind: DatabaseKind; location: string; reachable: boolean };
  task_count: number;
  uptime_seconds: number;
}

/**
 * GET /api/connection: what the "Connect a client" snippets need. Apart from
 * the status, which the UI polls, because the stdio command can hold a
 * Postgres URL with its password: it is fetched only when a snippet needs it.
 */
export interface ConnectionDetails {
  mcp_url: string;
  stdio: StdioCommand;
}

/** One client TaskDesk can set up on this computer, as `taskdesk doctor` sees it. */
export interface ClientSetup {
  client: string;
  name: string;
  /** Its user-level configuration file. */
  file: string;
  verdict: 'ok' | 'not_installed' | 'not_configured' | 'problem';
  /** What is wrong, one line each. */
  problems: string[];
  /** Worth knowing but not wrong, one line each. */
  notes: string[];
  token_id: string | null;
  last_seen: string | null;
  /** The terminal command that sets it up (or repairs it), for this server's port and database. */
  command: string;
  /** What to add to the command by hand (a Postgres URL with a password is never shown). */
  command_note: string | null;
}

/** GET /api/clients. `can_connect`: this window may write client configurations (only the desktop app). */
export interface ClientSetupList {
  clients: ClientSetup[];
  can_connect: boolean;
}

/** POST /api/clients/:id/connect: what was written, and the client as it is now. */
export interface ClientConnected {
  client: ClientSetup;
  changed: boolean;
  backup: string | null;
}

export interface TaskList {
  tasks: Task[];
  next_cursor: string | null;
}

/** Most recent first; the UI then appends what the event stream brings. */
export interface ProjectList {
  projects: ProjectSummary[];
}

export interface ToolCallList {
  calls: ToolCall[];
}

export interface TokenList {
  tokens: TokenInfo[];
}

export type { CreatedToken, TokenInfo };

export const TASK_CHANGES = ['added', 'updated', 'completed', 'reopened', 'deleted', 'restored'] as const;
export type TaskChangeKind = (typeof TASK_CHANGES)[number];

/** One task as it is after a change, with who made it (a client label, or the UI's own). */
export interface TaskChange {
  task: Task;
  change: TaskChangeKind;
  by: string;
  at: string;
}

/** The client label the UI's own changes carry in the log of changes and on highlighted rows. */
export const UI_CLIENT_LABEL = 'TaskDesk UI';

/**
 * Server-sent events on GET /api/events. The stream carries only the
 * signed-in user's events. After a reconnect the UI refetches: events missed
 * while disconnected are not replayed.
 */
export interface LiveEventMap {
  task: TaskChange;
  tool_call: ToolCall;
  token: TokenInfo;
}
export type LiveEventName = keyof LiveEventMap;
export const LIVE_EVENT_NAMES = ['task', 'tool_call', 'token'] as const satisfies readonly LiveEventName[];

/** How many log entries the UI loads when it opens, before it streams. */
export const RECENT_TOOL_CALLS_DEFAULT = 500;
export const RECENT_TOOL_CALLS_MAX = 2000;

export const toolCallsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: `limit must be 1-${RECENT_TOOL_CALLS_MAX}` })
    .max(RECENT_TOOL_CALLS_MAX, { error: `limit must be 1-${RECENT_TOOL_CALLS_MAX}` })
    .optional(),
});

export const loginInput = z.strictObject({
  code: z
    .string({ error: 'code is required' })
    .min(1, { error: 'code is required' })
    .max(200, { error: 'code is not valid' }),
});
