import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_ROUTES, type ToolCallList } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { Task } from '../../shared/task';
import type { ToolCallRow } from '../db/tool-call-repository';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import { toolCallRow } from '../testing/tool-call-row';
import { signInToUi, type UiApiClient } from '../testing/ui-api-client';

interface ApiError {
  error: { code: string; message: string };
}

const page = (query: Record<string, string>) => `${API_ROUTES.toolCalls}?${new URLSearchParams(query).toString()}`;

/**
 * Activity's API (GET /api/tool-calls) over a real server and database:
 * filters reach the whole retained log, pages walk it newest first without
 * gaps or repeats, cursors are untrusted, and the tasks a page names come
 * with their titles.
 */
export function describeToolCallPagesContract(target: DatabaseTarget): void {
  let t: TestServer;
  let ui: UiApiClient;
  // Newest first, as the API lists them.
  let stored: ToolCallRow[];
  let oldError: ToolCallRow;
  let live: Task;
  let deleted: Task;
  let othersTask: Task;

  beforeAll(async () => {
    t = await startTestServer(target);
    ui = await signInToUi(t.server);
    const { tasks, toolLog, users } = t.server.services;
    const added = async (userId: string, title: string) => {
      const result = await tasks.add(userId, { title });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    live = await added(LOCAL_USER_ID, 'Water the plants');
    deleted = await added(LOCAL_USER_ID, 'Old chore');
    await tasks.delete(LOCAL_USER_ID, { task_id: deleted.id });
    await users.ensure('someone-else', 'someone-else');
    othersTask = await added('someone-else', 'Not yours');

    oldError = toolCallRow(LOCAL_USER_ID, {
      tool: 'update_task',
      outcome: 'error',
      errorCode: 'not_found',
      taskId: deleted.id,
    });
    const rows = [oldError];
    for (let n = 0; n < 650; n++) {
      rows.push(
        toolCallRow(LOCAL_USER_ID, {
          clientLabel: n % 2 === 0 ? 'Claude Code' : 'Cursor',
          tool: n % 3 === 0 ? 'add_task' : 'list_tasks',
          taskId: n === 600 ? live.id : n === 601 ? othersTask.id : null,
        }),
      );
    }
    for (const row of rows) toolLog.record(row);
    await toolLog.flush();
    stored = rows.reverse();
  });
  afterAll(() => t.close());

  it('finds an error older than the newest 500 calls with outcome=error', async () => {
    const answer = await ui.request<{ data: ToolCallList }>('GET', page({ outcome: 'error' }));
    expect(answer.status).toBe(200);
    expect(answer.body.data.calls.map((call) => call.id)).toEqual([oldError.id]);
    expect(answer.body.data.next_cursor).toBeNull();
  });

  it('walks the whole log newest first, page by page, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: { status: number; body: { data: ToolCallList } } = await ui.request(
        'GET',
        page({ limit: '100', ...(cursor ? { cursor } : {}) }),
      );
      expect(answer.status).toBe(200);
      seen.push(...answer.body.data.calls.map((call) => call.id));
      cursor = answer.body.data.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual(stored.map((row) => row.id));
  });

  it('pages a tool and client filter across the whole log', async () => {
    const wanted = stored.filter((row) => row.tool === 'add_task' && row.clientLabel === 'Cursor').map((row) => row.id);
    const first = await ui.request<{ data: ToolCallList }>(
      'GET',
      page({ tool: 'add_task', client: 'Cursor', limit: '60' }),
    );
    const cursor = first.body.data.next_cursor ?? '';
    const second = await ui.request<{ data: ToolCallList }>(
      'GET',
      page({ tool: 'add_task', client: 'Cursor', limit: '60', cursor }),
    );
    const ids = [...first.body.data.calls, ...second.body.data.calls].map((call) => call.id);
    expect(wanted.length).toBeGreaterThan(60);
    expect(ids).toEqual(wanted);
    expect(second.body.data.next_cursor).toBeNull();
  });

  it('offers every client and tool in the retained log on the first page only', async () => {
    const first = await ui.request<{ data: ToolCallList }>('GET', page({ limit: '1' }));
    expect(first.body.data.clients).toEqual(['Claude Code', 'Cursor', 'Log Test']);
    expect(first.body.data.tools).toEqual(['add_task', 'list_tasks', 'update_task']);
    const next = await ui.request<{ data: ToolCallList }>(
      'GET',
      page({ limit: '1', cursor: first.body.data.next_cursor ?? '' }),
    );
    expect(next.body.data.clients).toBeUndefined();
  });

  it("names the page's tasks, marks deleted ones, and never names another user's task", async () => {
    const answer = await ui.request<{ data: ToolCallList }>('GET', page({ limit: '2000' }));
    expect(answer.body.data.tasks).toEqual({
      [live.id]: { title: 'Water the plants', deleted: false },
      [deleted.id]: { title: 'Old chore', deleted: true },
    });
    expect(answer.body.data.calls.some((call) => call.task_id === othersTask.id)).toBe(true);
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    [
      'a forged position with a NUL byte',
      Buffer.from('{"v":1,"f":"abcdefghijkl","at":"\\u0000","id":"x"}').toString('base64url'),
    ],
    ['an over-long one', 'A'.repeat(600)],
  ])('answers a clear validation error for %s as cursor', async (_name, cursor) => {
    const answer = await ui.request<ApiError>('GET', page({ cursor }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_error');
    expect(answer.body.error.message).toMatch(/cursor is not one this server issued/);
  });

  it('refuses a cursor replayed under other filters instead of skipping calls', async () => {
    const first = await ui.request<{ data: ToolCallList }>('GET', page({ limit: '10' }));
    const replay = await ui.request<ApiError>(
      'GET',
      page({ outcome: 'error', cursor: first.body.data.next_cursor ?? '' }),
    );
    expect(replay.status).toBe(400);
    expect(replay.body.error.message).toMatch(/different filters/);
  });

  it('refuses unknown filters and out-of-range limits with field names', async () => {
    const unknown = await ui.request<ApiError>('GET', page({ outcome: 'maybe' }));
    expect(unknown.body.error.message).toMatch(/outcome must be 'success' or 'error'/);
    const limit = await ui.request<ApiError>('GET', page({ limit: '0' }));
    expect(limit.body.error.message).toMatch(/limit must be 1-2000/);
    const nul = await ui.request<ApiError>('GET', page({ tool: 'a\u0000b' }));
    expect(nul.body.error.message).toMatch(/tool must not contain NUL/);
  });
}
