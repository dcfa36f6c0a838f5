import type { ToolCall } from '../../shared/tool-call';

const BASE = Date.parse('2025-01-01T00:00:00.000Z');

/** A successful add_task call number `n` for the log's tests; a higher `n` is a later call. */
export function makeCall(n: number, overrides: Partial<ToolCall> = {}): ToolCall {
  return {
    id: `call-${n}`,
    created_at: new Date(BASE + n).toISOString(),
    user: 'local',
    client_label: n % 2 ? 'Cursor' : 'Claude Code',
    token_id: null,
    tool: 'add_task',
    arguments: { title: `task ${n}` },
    outcome: 'success',
    error_code: null,
    result: { status: 'success' },
    duration_ms: 1,
    task_id: null,
    ...overrides,
  };
}
