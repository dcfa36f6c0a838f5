import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_ROUTES, type TaskWindow } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { Task } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import { signInToUi, type UiApiClient } from '../testing/ui-api-client';

interface ApiError {
  error: { code: string; message: string };
}

const TASKS = 230;

const windowPath = (query: Record<string, string | number>) =>
  `${API_ROUTES.taskWindow}?${new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;

/**
 * The UI's list by position (GET /api/tasks/window) over a real server and
 * database: every window is the matching slice of the list agents page by
 * keyset, and the total is the filtered count.
 */
export function describeTaskWindowsContract(target: DatabaseTarget): void {
  let t: TestServer;
  let ui: UiApiClient;

  /** The whole list as list_tasks pages it, for comparison. */
  async function keysetList(filters: Record<string, string>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.server.services.tasks.list(LOCAL_USER_ID, { ...filters, limit: 100, cursor });
      if (!page.ok) throw new Error(page.error.message);
      ids.push(...page.value.tasks.map((task) => task.id));
      cursor = page.value.next_cursor ?? undefined;
    } while (cursor !== undefined);
    return ids;
  }

  /** The whole list by windows of `limit`, as the UI reads it when scrolled through. */
  async function windowedList(filters: Record<string, string>, limit: number) {
    const ids: string[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += limit) {
      const answer = await ui.request<{ data: TaskWindow }>('GET', windowPath({ ...filters, offset, limit }));
      expect(answer.status).toBe(200);
      total = answer.body.data.total;
      ids.push(...answer.body.data.tasks.map((task) => task.id));
    }
    return { ids, total };
  }

  beforeAll(async () => {
    t = await startTestServer(target);
    ui = await signInToUi(t.server);
    const { tasks } = t.server.services;
    const added: Task[] = [];
    for (let n = 0; n < TASKS; n++) {
      const result = await tasks.add(LOCAL_USER_ID, {
        title: `Task ${n}`,
        priority: n % 4 === 0 ? 'high' : 'none',
        // One in three undated, so due order crosses from the dated range to the undated one.
        ...(n % 3 === 0 ? {} : { due_date: `2026-0${(n % 9) + 1}-1${n % 10}` }),
      });
      if (!result.ok) throw new Error(result.error.message);
      added.push(result.value);
    }
    for (const task of added.filter((_, n) => n % 5 === 0)) {
      await tasks.complete(LOCAL_USER_ID, { task_id: task.id });
    }
  });
  afterAll(() => t.close());

  it.each<{ label: string; filters: Record<string, string> }>([
    { label: 'open, newest first', filters: {} },
    { label: 'every task, soonest due first', filters: { status: 'all', sort: 'due_date' } },
    { label: 'open high-priority tasks by due date', filters: { priority: 'high', sort: 'due_date' } },
    { label: 'completed ones matching a search', filters: { status: 'completed', query: 'task 1' } },
  ])('gives the same order as list_tasks, window by window, with the filtered total ($label)', async ({ filters }) => {
    const expected = await keysetList(filters);
    const windowed = await windowedList(filters, 37);
    expect(windowed.total).toBe(expected.length);
    expect(windowed.ids).toEqual(expected);
  });

  it('answers a window in the middle of the list directly, and an empty one past its end', async () => {
    const expected = await keysetList({ status: 'all' });
    const middle = await ui.request<{ data: TaskWindow }>('GET', windowPath({ status: 'all', offset: 150, limit: 20 }));
    expect(middle.body.data.tasks.map((task) => task.id)).toEqual(expected.slice(150, 170));
    expect(middle.body.data).toMatchObject({ offset: 150, total: TASKS });
    const past = await ui.request<{ data: TaskWindow }>('GET', windowPath({ status: 'all', offset: 5000, limit: 20 }));
    expect(past.body.data).toEqual({ tasks: [], offset: 5000, total: TASKS, tree: [], nested: false });
  });

  it.each([
    [{ offset: -1, limit: 10 }, /offset must be a whole number from 0 to 1000000/],
    [{ offset: 'x', limit: 10 }, /offset must be a whole number/],
    [{ offset: 0, limit: 101 }, /limit must be a whole number from 1 to 100/],
    [{ limit: 10 }, /offset must be a whole number/],
    [{ offset: 0, limit: 10, status: 'done' }, /status must be one of/],
    [{ offset: 0, limit: 10, cursor: 'abc' }, /a window is asked for by offset and limit/],
  ])('refuses %j with a validation error that names the field', async (query, message) => {
    const answer = await ui.request<ApiError>('GET', windowPath(query));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_error');
    expect(answer.body.error.message).toMatch(message);
  });
}
