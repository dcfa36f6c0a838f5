import type { ToolCallRow } from '../db/tool-call-repository';

let sequence = 0;

/**
 * A stored tool call for tests that write the log directly. Ids and times
 * count up, so newest-first order is creation order reversed.
 */
export function toolCallRow(userId: string, overrides: Partial<ToolCallRow> = {}): ToolCallRow {
  sequence += 1;
  return {
    id: `call-${String(sequence).padStart(6, '0')}`,
    userId,
    tokenId: null,
    clientLabel: 'Log Test',
    tool: 'list_tasks',
    arguments: { n: sequence },
    outcome: 'success',
    errorCode: null,
    result: null,
    durationMs: 1.5,
    taskId: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + sequence * 1000).toISOString(),
    ...overrides,
  };
}
