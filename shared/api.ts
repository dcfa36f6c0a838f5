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

/**
 * Codes of /api answers: the task service's, plus the HTTP layer's own
 * refusals (its `forbidden`, a page from another origin, is the service's code too).
 */
export const API_ERROR_CODES = [
  ...ERROR_CODES,
  'unauthorized',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'not_acceptable',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Where the UI asks for things; ids are URL-encoded by the client. */
/**
 * Every /api route of the UI, written once: the server matches these patterns
 * (`:id` captures one path segment) and the client fills them in (API_ROUTES).
 */
export const API_PATHS = {
  session: '/api/session',
  status: '/api/status',
  connection: '/api/connection',
  tasks: '/api/tasks',
  deletedTasks: '/api/tasks/deleted',
  taskWindow: '/api/tasks/window',
  task: '/api/tasks/:id',
  completeTask: '/api/tasks/:id/complete',
  restoreTask: '/api/tasks/:id/restore',
  taskDetail: '/api/tasks/:id/detail',
  taskNotes: '/api/tasks/:id/notes',
  releaseTask: '/api/tasks/:id/release',
  undoTaskEvent: '/api/tasks/:id/undo',
  projects: '/api/projects',
  project: '/api/projects/:id',
  toolCalls: '/api/tool-calls',
  tokens: '/api/tokens',
  revokeToken: '/api/tokens/:id/revoke',
  clients: '/api/clients',
  connectClient: '/api/clients/:id/connect',
  events: '/api/events',
  desktopSettings: '/api/desktop/settings',
  testDatabase: '/api/desktop/test-database',
} as const;

export type ApiPath = (typeof API_PATHS)[keyof typeof API_PATHS];

/** A route pattern with its `:id` filled in, encoded so an id can never reach another route. */
const withId = (pattern: string) => (id: string) => pattern.replace(':id', encodeURIComponent(id));

/** The paths the client asks for. */
export const API_ROUTES = {
  session: API_PATHS.session,
  status: API_PATHS.status,
  connection: API_PATHS.connection,
  tasks: API_PATHS.tasks,
  deletedTasks: API_PATHS.deletedTasks,
  taskWindow: API_PATHS.taskWindow,
  task: withId(API_PATHS.task),
  completeTask: withId(API_PATHS.completeTask),
  restoreTask: withId(API_PATHS.restoreTask),
  taskDetail: withId(API_PATHS.taskDetail),
  taskNotes: withId(API_PATHS.taskNotes),
  releaseTask: withId(API_PATHS.releaseTask),
  undoTaskEvent: withId(API_PATHS.undoTaskEvent),
  projects: API_PATHS.projects,
  project: withId(API_PATHS.project),
  toolCalls: API_PATHS.toolCalls,
  tokens: API_PATHS.tokens,
  revokeToken: withId(API_PATHS.revokeToken),
  clients: API_PATHS.clients,
  connectClient: withId(API_PATHS.connectClient),
  events: API_PATHS.events,
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

/** GET /api/projects: the user's projects, each with its open, ready, claimed and completed counts. */
export interface ProjectList {
  projects: ProjectSummary[];
}

/**
 * GET /api/tasks/window: the tasks at positions offset..offset+limit-1 of a
 * filtered list, and how many the whole list holds. The UI sizes its scroll
 * area from `total` and asks for the window under the viewport; agents page
 * list_tasks by keyset instead.
 */
export interface TaskWindow {
  tasks: Task[];
  offset: number;
  total: number;
  /**
   * Where each of `tasks` sits in the tree, by index. The list is in tree
   * order (each task followed by its matching subtasks, depth first) and its
   * positions and total count the rows shown: the subtasks of a collapsed
   * task are left out.
   */
  tree: TaskPlacement[];
  /** True when the list holds any subtask: a change can then move rows the client cannot place itself. */
  nested: boolean;
}

/** A row's place in the tree of a window. */
export interface TaskPlacement {
  /** 0 for a row at the top level; a subtask whose parent is in the list sits one deeper. */
  depth: number;
  /** Its subtasks that the filters let through (shown unless the row is collapsed). */
  children: number;
  /** For a subtask whose parent is not in the list: the titles of its ancestors, outermost first. */
  path: string[] | null;
}

/** Far beyond any list a person scrolls; bounds the rows a database skips for one request. */
export const TASK_WINDOW_OFFSET_MAX = 1_000_000;
export const TASK_WINDOW_LIMIT_MAX = 100;

/** Collapsed rows a window query names at most: the UI remembers the most recent ones. */
export const COLLAPSED_MAX = 200;
const COLLAPSED_PATTERN = new RegExp(`^[0-9a-fA-F-]{1,36}(,[0-9a-fA-F-]{1,36}){0,${COLLAPSED_MAX - 1}}$`);

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
    .max(max, { error: `${name} must be a whole number from ${min} to ${max}` });

/** The window's own parameters; the list's filters are list_tasks' own (listTasksInput), without cursor. */
export const taskWindowQuery = z.strictObject({
  offset: wholeNumber('offset', 0, TASK_WINDOW_OFFSET_MAX),
  limit: wholeNumber('limit', 1, TASK_WINDOW_LIMIT_MAX),
  collapsed: z
    .string({ error: 'collapsed must be task ids separated by commas' })
    .regex(COLLAPSED_PATTERN, { error: `collapsed must be at most ${COLLAPSED_MAX} task ids separated by commas` })
    .optional(),
});

/** What a log entry's task is called, for the tasks a page of the log names; a deleted task keeps its title. */
export interface ToolCallTask {
  title: string;
  deleted: boolean;
}

/**
 * GET /api/tool-calls: one page of the log, newest first, filtered on the
 * server across everything retained. `next_cursor` continues to older calls.
 * `tasks` names the tasks this page's calls touched (absent: no such task of
 * this user). `clients` and `tools` (first page only) are every label and tool
 * in the retained log, for the filter choices.
 */
export interface ToolCallList {
  calls: ToolCall[];
  next_cursor: string | null;
  tasks: Record<string, ToolCallTask>;
  clients?: string[];
  tools?: string[];
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

/** How many log entries a page of the log holds unless the UI asks for another number. */
export const TOOL_CALLS_PAGE_DEFAULT = 200;
export const TOOL_CALLS_PAGE_MAX = 2000;
/** How many task titles one lookup resolves (a page of the log names at most this many tasks it shows). */
export const TASK_TITLES_MAX = 200;

// Labels and tool names are bounded when logged (100 characters); anything longer matches nothing anyway.
const logText = (name: string) =>
  z
    .string()
    .min(1, { error: `${name} must not be empty; leave it out for every ${name}` })
    .max(200, { error: `${name} must be at most 200 characters` })
    .refine((value) => !value.includes('\u0000'), { error: `${name} must not contain NUL characters` });

export const toolCallsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: `limit must be 1-${TOOL_CALLS_PAGE_MAX}` })
    .max(TOOL_CALLS_PAGE_MAX, { error: `limit must be 1-${TOOL_CALLS_PAGE_MAX}` })
    .optional(),
  outcome: z.enum(['success', 'error'], { error: "outcome must be 'success' or 'error'" }).optional(),
  tool: logText('tool').optional(),
  client: logText('client').optional(),
  /** Opaque: the next_cursor of the previous page, asked for with the same filters. */
  cursor: z.string().max(500, { error: 'cursor is not one this server issued' }).optional(),
});
export type ToolCallsQuery = z.infer<typeof toolCallsQuery>;

export const loginInput = z.strictObject({
  code: z
    .string({ error: 'code is required' })
    .min(1, { error: 'code is required' })
    .max(200, { error: 'code is not valid' }),
});
