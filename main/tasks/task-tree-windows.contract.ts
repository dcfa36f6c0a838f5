import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_ROUTES, type TaskWindow } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { Task } from '../../shared/task';
import type { DatabaseTarget } from '../testing/database-targets';
import { startTestServer, type TestServer } from '../testing/test-server';
import { signInToUi, type UiApiClient } from '../testing/ui-api-client';

const windowPath = (query: Record<string, string | number>) =>
  `${API_ROUTES.taskWindow}?${new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString()}`;

/**
 * The UI's windows over a list holding subtasks: rows in tree order (each
 * task, then its matching subtasks depth first), positions and total counting
 * the rows shown, collapsed subtrees left out, and a subtask whose parent
 * the filters leave out shown at the top level with its ancestors' titles.
 */
export function describeTaskTreeWindowsContract(target: DatabaseTarget): void {
  let t: TestServer;
  let ui: UiApiClient;
  const ids = new Map<string, string>();

  async function add(title: string, fields: Record<string, unknown>): Promise<Task> {
    const result = await t.server.services.tasks.add(LOCAL_USER_ID, { title, ...fields });
    if (!result.ok) throw new Error(result.error.message);
    ids.set(title, result.value.id);
    return result.value;
  }
  const id = (title: string) => ids.get(title) ?? title;

  async function windowOf(query: Record<string, string | number>): Promise<TaskWindow> {
    const answer = await ui.request<{ data: TaskWindow }>('GET', windowPath(query));
    expect(answer.status).toBe(200);
    return answer.body.data;
  }

  /** The whole list read by windows of `limit`: titles with their depth, and the total. */
  async function readAll(query: Record<string, string>, limit = 3) {
    const rows: string[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += limit) {
      const window = await windowOf({ ...query, offset, limit });
      total = window.total;
      rows.push(...window.tasks.map((task, index) => `${'-'.repeat(window.tree[index]?.depth ?? 9)}${task.title}`));
    }
    return { rows, total };
  }

  beforeAll(async () => {
    t = await startTestServer(target);
    ui = await signInToUi(t.server);
    const tree = { project: 'tree' };
    await add('Alpha', { ...tree, due_date: '2026-01-01' });
    await add('Alpha one', { ...tree, due_date: '2026-01-05', parent_id: id('Alpha') });
    await add('Alpha one deep', { ...tree, due_date: '2026-01-02', parent_id: id('Alpha one') });
    await add('Alpha two', { ...tree, due_date: '2026-01-03', parent_id: id('Alpha') });
    await add('Bravo', { ...tree, due_date: '2026-01-02' });
    await add('Charlie', tree);
    await add('Charlie one', { ...tree, due_date: '2026-01-01', parent_id: id('Charlie'), tags: ['x'] });
    await add('Flat one', { project: 'flat' });
    await add('Flat two', { project: 'flat' });
  });
  afterAll(() => t.close());

  const TREE = { project: 'tree', status: 'all', sort: 'due_date' };

  it('lists each task followed by its subtasks, depth first, window by window, the total counting every row', async () => {
    expect(await readAll(TREE)).toEqual({
      rows: ['Alpha', '-Alpha two', '-Alpha one', '--Alpha one deep', 'Bravo', 'Charlie', '-Charlie one'],
      total: 7,
    });
  });

  it("says how many of each row's subtasks the list holds, and that the list is nested", async () => {
    const window = await windowOf({ ...TREE, offset: 0, limit: 7 });
    expect(window.nested).toBe(true);
    expect(window.tree.map((row) => row.children)).toEqual([2, 0, 1, 0, 0, 1, 0]);
    expect(window.tasks[0]?.subtasks).toEqual({ open: 2, total: 2 });
  });

  it("leaves out a collapsed task's subtasks at every depth, and counts only the rows shown", async () => {
    expect(await readAll({ ...TREE, collapsed: id('Alpha one') })).toEqual({
      rows: ['Alpha', '-Alpha two', '-Alpha one', 'Bravo', 'Charlie', '-Charlie one'],
      total: 6,
    });
    expect(await readAll({ ...TREE, collapsed: [id('Alpha'), id('Charlie')].join(',') })).toEqual({
      rows: ['Alpha', 'Bravo', 'Charlie'],
      total: 3,
    });
  });

  it('shows a subtask whose parent the filters leave out at the top level, with its ancestors outermost first', async () => {
    const deep = await windowOf({ ...TREE, query: 'deep', offset: 0, limit: 10 });
    expect(deep.tasks.map((task) => task.title)).toEqual(['Alpha one deep']);
    expect(deep.tree).toEqual([{ depth: 0, children: 0, path: ['Alpha', 'Alpha one'] }]);
    const tagged = await windowOf({ ...TREE, tag: 'x', offset: 0, limit: 10 });
    expect(tagged.tree).toEqual([{ depth: 0, children: 0, path: ['Charlie'] }]);
    expect(tagged.total).toBe(1);
  });

  it("drops a completed subtask from the Open list while its parent's progress counts it done", async () => {
    await t.server.services.tasks.complete(LOCAL_USER_ID, { task_id: id('Alpha two') });
    const open = await readAll({ project: 'tree', sort: 'due_date' });
    expect(open.rows).toEqual(['Alpha', '-Alpha one', '--Alpha one deep', 'Bravo', 'Charlie', '-Charlie one']);
    const first = await windowOf({ project: 'tree', sort: 'due_date', offset: 0, limit: 1 });
    expect(first.tasks[0]?.subtasks).toEqual({ open: 1, total: 2 });
    expect(first.tree[0]?.children).toBe(1);
  });

  it('places a subtask added later under its parent, newest first among its siblings', async () => {
    await add('Delta', { project: 'later' });
    await add('Delta one', { project: 'later', parent_id: id('Delta') });
    await add('Echo', { project: 'later' });
    await add('Delta two', { project: 'later', parent_id: id('Delta') });
    expect((await readAll({ project: 'later' })).rows).toEqual(['Echo', 'Delta', '-Delta two', '-Delta one']);
  });

  it('keeps a list without subtasks flat, read from the index as before', async () => {
    const flat = await windowOf({ project: 'flat', offset: 0, limit: 10 });
    expect(flat.nested).toBe(false);
    expect(flat.total).toBe(2);
    expect(flat.tree).toEqual([
      { depth: 0, children: 0, path: null },
      { depth: 0, children: 0, path: null },
    ]);
  });

  it('refuses a collapsed list that is not task ids separated by commas', async () => {
    const answer = await ui.request<{ error: { code: string; message: string } }>(
      'GET',
      windowPath({ offset: 0, limit: 10, collapsed: 'x; drop table' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/collapsed must be at most 200 task ids separated by commas/);
  });
}
