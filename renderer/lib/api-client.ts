/**
 * The one module that talks to the server: JSON over /api/ and the live
 * event stream. Every answer arrives in the shared envelope; failures become
 * an ApiError carrying the server's code and message, which the UI shows as
 * they are (they are the same messages agents get).
 */
import {
  API_ROUTES,
  LIVE_EVENT_NAMES,
  type ApiErrorCode,
  type ClientConnected,
  type ClientSetupList,
  type ConnectionDetails,
  type CreatedToken,
  type LiveEventMap,
  type ProjectList,
  type ServerStatus,
  type TaskList,
  type TaskWindow,
  type TokenInfo,
  type TokenList,
  type ToolCallList,
  type ToolCallsQuery,
} from '../../shared/api';
import { DESKTOP_ROUTES, type DesktopSettings, type DesktopSettingsState } from '../../shared/desktop';
import type { ProjectSummary, Task, TaskDetail, TaskNote } from '../../shared/task';
import type { AddTaskInput, ListTasks, UpdateTaskInput } from '../../shared/task-schemas';

/** The server's codes, plus 'network' for a server that did not answer at all. */
export type ClientErrorCode = ApiErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The part of EventSource the client uses, so tests can pass a Node implementation. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  readonly readyState: number;
  close(): void;
}

// EventSource.CLOSED, written out because Node test runs have no global EventSource.
const EVENT_SOURCE_CLOSED = 2;

export interface ApiClientOptions {
  /** Empty in the browser, where the page and the API share an origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  openEventSource?: (url: string) => EventSourceLike;
}

export interface LiveHandlers {
  onEvent: <K extends keyof LiveEventMap>(name: K, data: LiveEventMap[K]) => void;
  /** Called on every (re)connection: whatever was missed meanwhile must be fetched again. */
  onOpen?: () => void;
  /** The connection dropped; EventSource is already retrying by itself. */
  onError?: () => void;
  /**
   * The server answered the stream with something other than 200 (401 once
   * the session is gone, 503 at the stream cap): EventSource has given up for
   * good, so the caller decides whether to sign out or open a new stream.
   */
  onClosed?: () => void;
}

type UnauthorizedListener = (error: ApiError) => void;

type UpdateFields = Omit<UpdateTaskInput, 'task_id'>;

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openEventSource: (url: string) => EventSourceLike =
    options.openEventSource ?? ((url: string) => new EventSource(url));

  const unauthorizedListeners = new Set<UnauthorizedListener>();

  /** Tells the session layer that the session is gone, whatever call found out. */
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await send<T>(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        for (const listener of unauthorizedListeners) listener(error);
      }
      throw error;
    }
  }

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        credentials: 'same-origin',
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'TaskDesk is not reachable; is the server still running?');
    }
    const payload = (await response.json().catch(() => undefined)) as
      | { status: 'success'; data: T }
      | { status: 'error'; error: { code: ApiErrorCode; message: string } }
      | { error: string }
      | undefined;
    if (response.ok && payload && 'status' in payload && payload.status === 'success') return payload.data;
    if (payload && 'status' in payload && payload.status === 'error') {
      throw new ApiError(response.status, payload.error.code, payload.error.message);
    }
    const message =
      payload && 'error' in payload && typeof payload.error === 'string' ? payload.error : response.statusText;
    throw new ApiError(response.status, response.status === 401 ? 'unauthorized' : 'internal', message);
  }

  const get = <T>(path: string) => request<T>('GET', path);
  const taskOf = async (promise: Promise<{ task: Task }>) => (await promise).task;

  return {
    /** A spent or unknown code answers 401 without signing anyone out: the browser may hold a session already. */
    login: (code: string) => send<{ user: string }>('POST', API_ROUTES.session, { code }),
    session: () => get<{ user: string }>(API_ROUTES.session),
    status: () => get<ServerStatus>(API_ROUTES.status),
    /** Holds the stdio command, which can carry a database password: fetch it only for a snippet. */
    connection: () => get<ConnectionDetails>(API_ROUTES.connection),

    listTasks: (query: Partial<ListTasks> = {}) => get<TaskList>(`${API_ROUTES.tasks}${toQueryString(query)}`),
    deletedTasks: () => get<TaskList>(API_ROUTES.deletedTasks),
    /** The tasks at positions offset.. of a filtered list, and its total (the UI's list; agents page by keyset). */
    taskWindow: (query: Partial<ListTasks> & { offset: number; limit: number; collapsed?: string }) =>
      get<TaskWindow>(`${API_ROUTES.taskWindow}${toQueryString(query)}`),
    getTask: (id: string) => taskOf(get(API_ROUTES.task(id))),
    addTask: (input: AddTaskInput) => taskOf(request('POST', API_ROUTES.tasks, input)),
    updateTask: (id: string, fields: UpdateFields) => taskOf(request('PATCH', API_ROUTES.task(id), fields)),
    completeTask: (id: string, completed: boolean) =>
      taskOf(request('POST', API_ROUTES.completeTask(id), { completed })),
    deleteTask: (id: string) => taskOf(request('DELETE', API_ROUTES.task(id))),
    restoreTask: (id: string) => taskOf(request('POST', API_ROUTES.restoreTask(id))),
    /** The task with its blockers, subtasks, notes and a page of history (older with `historyCursor`). */
    taskDetail: (id: string, historyCursor?: string) =>
      get<TaskDetail>(`${API_ROUTES.taskDetail(id)}${toQueryString({ history_cursor: historyCursor })}`),
    addNote: async (id: string, text: string) =>
      (await request<{ note: TaskNote }>('POST', API_ROUTES.taskNotes(id), { text })).note,
    releaseTask: (id: string) => taskOf(request('POST', API_ROUTES.releaseTask(id), {})),
    undoTaskEvent: (id: string, seq: number, expectedVersion: number) =>
      taskOf(request('POST', API_ROUTES.undoTaskEvent(id), { seq, expected_version: expectedVersion })),

    projects: () => get<ProjectList>(API_ROUTES.projects),
    createProject: async (name: string) =>
      (await request<{ project: ProjectSummary }>('POST', API_ROUTES.projects, { name })).project,
    renameProject: async (id: string, name: string) =>
      (await request<{ project: { id: string; name: string } }>('PATCH', API_ROUTES.project(id), { name })).project,

    /** One page of the log, newest first, filtered on the server; `cursor` is the previous page's next_cursor. */
    toolCalls: (query: Partial<ToolCallsQuery> = {}) =>
      get<ToolCallList>(`${API_ROUTES.toolCalls}${toQueryString(query)}`),

    tokens: () => get<TokenList>(API_ROUTES.tokens),
    /** The answer holds the secret: show it once, never store it. */
    createToken: async (
      label: string,
      scope: { projects: string[]; readOnly: boolean } = { projects: [], readOnly: false },
    ) =>
      (
        await request<{ token: CreatedToken }>('POST', API_ROUTES.tokens, {
          label,
          ...(scope.projects.length > 0 ? { projects: scope.projects } : {}),
          ...(scope.readOnly ? { read_only: true } : {}),
        })
      ).token,
    revokeToken: async (id: string) => (await request<{ token: TokenInfo }>('POST', API_ROUTES.revokeToken(id))).token,

    /** This computer's clients as `taskdesk doctor` sees them. */
    clients: () => get<ClientSetupList>(API_ROUTES.clients),
    /** Writes TaskDesk into one client's configuration (only the desktop app offers it). */
    connectClient: (id: string) => request<ClientConnected>('POST', API_ROUTES.connectClient(id)),

    /** Only the desktop app has these routes; elsewhere they answer 404. */
    desktopSettings: () => get<DesktopSettingsState>(DESKTOP_ROUTES.settings),
    saveDesktopSettings: (settings: DesktopSettings) =>
      request<DesktopSettingsState>('PUT', DESKTOP_ROUTES.settings, settings),
    /** Connects once and changes nothing; a failure is an ApiError with the server's message (password masked). */
    testDatabase: (url: string) => request<{ server_version: string }>('POST', DESKTOP_ROUTES.testDatabase, { url }),

    /** Calls `listener` whenever any call (but login) answers 401; returns the way to stop. */
    onUnauthorized(listener: UnauthorizedListener): () => void {
      unauthorizedListeners.add(listener);
      return () => {
        unauthorizedListeners.delete(listener);
      };
    },

    /** Opens the live stream; returns the way to close it. EventSource reconnects by itself after a drop. */
    live(handlers: LiveHandlers): () => void {
      const source = openEventSource(baseUrl + API_ROUTES.events);
      for (const name of LIVE_EVENT_NAMES) {
        source.addEventListener(name, (event) => {
          handlers.onEvent(name, JSON.parse(event.data) as LiveEventMap[typeof name]);
        });
      }
      source.onopen = () => handlers.onOpen?.();
      source.onerror = () => {
        if (source.readyState === EVENT_SOURCE_CLOSED) handlers.onClosed?.();
        else handlers.onError?.();
      };
      return () => source.close();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function toQueryString(query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
