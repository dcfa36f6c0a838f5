import { TOOL_CALLS_PAGE_DEFAULT, toolCallsQuery, type ToolCallList, type ToolCallTask } from '../../shared/api';
import { ok, type Result } from '../../shared/result';
import { validate } from '../../shared/validate';
import { decodeToolCallCursor, encodeToolCallCursor } from './tool-call-cursor';
import { toToolCall, type ToolCallLog } from './tool-call-log';

export type TaskTitles = (userId: string, ids: readonly string[]) => Promise<Record<string, ToolCallTask>>;

// Only ids of the form tasks have are looked up: a failed call may log whatever an agent sent.
const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Activity's pages: the log filtered and paged on the server, over every
 * retained call, with the titles of the tasks the page names.
 */
export function createToolCallPages(toolLog: ToolCallLog, titles: TaskTitles) {
  return async (userId: string, input: unknown): Promise<Result<ToolCallList>> => {
    const parsed = validate(toolCallsQuery, input);
    if (!parsed.ok) return parsed;
    const query = parsed.value;
    const before = decodeToolCallCursor(query);
    if (!before.ok) return before;
    const limit = query.limit ?? TOOL_CALLS_PAGE_DEFAULT;
    const filters = { outcome: query.outcome, tool: query.tool, clientLabel: query.client };
    // One extra row tells whether an older page exists.
    const rows = await toolLog.page(userId, filters, limit + 1, before.value);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const taskIds = page.flatMap((row) => (row.taskId !== null && TASK_ID.test(row.taskId) ? [row.taskId] : []));
    return ok({
      calls: page.map(toToolCall),
      next_cursor: rows.length > limit && last ? encodeToolCallCursor(query, last) : null,
      tasks: await titles(userId, taskIds),
      ...(before.value === undefined ? await toolLog.facets(userId) : {}),
    });
  };
}

export type ToolCallPages = ReturnType<typeof createToolCallPages>;
