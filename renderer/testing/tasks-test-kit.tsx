/**
 * What the Tasks view's component tests share: rendering the real feature
 * against a real server, a layout for jsdom, and small agent helpers.
 */
import { render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Task } from '../../shared/task';
import { ApiProvider } from '../lib/api-context';
import { LiveEventsProvider } from '../lib/live-events';
import type { ApiClient, LiveHandlers } from '../lib/api-client';
import { startUiTestServer, type UiTestServer } from './real-server';
import { TasksView } from '../features/tasks/tasks-view';

/** The scroll container's height in tests: ten 44 px rows. */
export const TEST_VIEWPORT_HEIGHT = 440;

/**
 * jsdom lays nothing out, so every element measures 0 x 0 and the virtualiser
 * would render no rows at all. The virtualiser reads the scroll container's
 * clientHeight/clientWidth, so the task list's container is given a size;
 * every other element keeps jsdom's zero.
 */
export function giveTaskListALayout(): void {
  const sized = (element: Element, size: number) => (element.classList.contains('task-scroll') ? size : 0);
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return sized(this, TEST_VIEWPORT_HEIGHT);
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return sized(this, 800);
    },
  });
}

/** Called with each live event as it reaches the client, before the view handles it. */
export type LiveEventTap = LiveHandlers['onEvent'];

/**
 * Renders the real feature against the test server. `streamOpen` settles once
 * the live stream is connected: changes made before that are not events but
 * part of the refetch that follows, so tests about live rows wait for it.
 */
export interface RenderOptions {
  onLiveEvent?: LiveEventTap;
  /** Returns false for a live event the view must not see, as if the stream had missed it. */
  passLiveEvent?: (...event: Parameters<LiveEventTap>) => boolean;
  /** Replaces calls of the real client, e.g. to hold an answer until the test has made a change. */
  apiOverrides?: Partial<ApiClient>;
}

export function renderTasksView(ui: UiTestServer, options: RenderOptions = {}) {
  let opened: () => void = () => undefined;
  const streamOpen = new Promise<void>((resolve) => (opened = resolve));
  const api: ApiClient = {
    ...ui.api,
    ...options.apiOverrides,
    live:
      options.apiOverrides?.live ??
      ((handlers) =>
        ui.api.live({
          ...handlers,
          onEvent: (name, data) => {
            options.onLiveEvent?.(name, data);
            if (options.passLiveEvent?.(name, data) !== false) handlers.onEvent(name, data);
          },
          onOpen: () => {
            handlers.onOpen?.();
            opened();
          },
        })),
  };
  const view = render(
    <ApiProvider api={api}>
      <LiveEventsProvider api={api}>
        <TasksView />
      </LiveEventsProvider>
    </ApiProvider>,
  );
  return { ...view, streamOpen };
}

/** Deletes every task of the local user, so each test starts from an empty list. */
export async function deleteAllTasks(ui: UiTestServer): Promise<void> {
  for (;;) {
    const page = await ui.server.services.tasks.list('local', { status: 'all', limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    if (page.value.tasks.length === 0) return;
    for (const task of page.value.tasks) await ui.server.services.tasks.delete('local', { task_id: task.id });
  }
}

/** Adds a task as the local user straight through the service (seeding, not under test). */
export async function seedTask(ui: UiTestServer, input: Record<string, unknown>): Promise<Task> {
  const result = await ui.server.services.tasks.add('local', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

type Agent = Awaited<ReturnType<UiTestServer['agent']>>;

/** Calls an MCP tool as the agent and returns the envelope's data, failing on a tool error. */
export async function callTool<T>(agent: Agent, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await agent.callTool({ name, arguments: args });
  const envelope = result.structuredContent as { status: string; data: T; error?: { message: string } };
  if (result.isError === true || envelope.status !== 'success') throw new Error(envelope.error?.message);
  return envelope.data;
}

/** The titles of the rendered rows of the task list, top to bottom. */
export function rowTitles(): string[] {
  return screen
    .getAllByRole('listitem')
    .filter((row) => row.closest('[role="list"]')?.getAttribute('aria-label') === 'Tasks')
    .flatMap((row) => {
      const title = row.querySelector('.task-title');
      return title ? [title.textContent] : [];
    });
}

/** The due-date group headings of the task list, top to bottom. */
export function groupHeadings(): string[] {
  const list = screen.getByRole('list', { name: 'Tasks' });
  return within(list)
    .queryAllByRole('heading')
    .map((heading) => heading.textContent);
}

/** The row (listitem) that holds the task titled `title`. */
export async function findRow(title: string, wait?: { timeout: number }): Promise<HTMLElement> {
  const checkbox = await screen.findByRole('checkbox', { name: title }, wait);
  const row = checkbox.closest<HTMLElement>('[role="listitem"]');
  if (!row) throw new Error(`the checkbox for '${title}' is not in a row`);
  return row;
}

/**
 * One real server for a test file, with an agent labelled "Claude Code", and
 * no tasks at the start of each test. `ready` receives both once they exist.
 */
export function useTasksTestServer(ready: (ui: UiTestServer, agent: Agent) => void): void {
  let ui: UiTestServer | undefined;
  beforeAll(async () => {
    giveTaskListALayout();
    ui = await startUiTestServer();
    ready(ui, await ui.agent('Claude Code'));
  });
  afterAll(async () => {
    await ui?.close();
  });
  beforeEach(async () => {
    if (ui) await deleteAllTasks(ui);
  });
}
