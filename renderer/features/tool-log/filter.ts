import type { ToolCallsQuery } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';

export interface ToolLogFilter {
  /** '' for every client. */
  client: string;
  /** '' for every tool. */
  tool: string;
  errorsOnly: boolean;
}

export const NO_FILTER: ToolLogFilter = { client: '', tool: '', errorsOnly: false };

/** The filter as the server's query: the same three conditions, applied to the whole retained log. */
export function toToolCallsQuery(filter: ToolLogFilter): Partial<ToolCallsQuery> {
  return {
    outcome: filter.errorsOnly ? 'error' : undefined,
    tool: filter.tool || undefined,
    client: filter.client || undefined,
  };
}

/** The same filter applied here, to the calls that arrive live. */
export function filterCalls(calls: readonly ToolCall[], filter: ToolLogFilter): readonly ToolCall[] {
  const { client, tool, errorsOnly } = filter;
  if (!client && !tool && !errorsOnly) return calls;
  return calls.filter(
    (call) =>
      (!client || call.client_label === client) &&
      (!tool || call.tool === tool) &&
      (!errorsOnly || call.outcome === 'error'),
  );
}

/** Downloads `calls` as a .json file, exactly as given. */
export function downloadJson(calls: readonly ToolCall[], now = new Date()): void {
  const blob = new Blob([JSON.stringify(calls, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `taskdesk-tool-calls-${now.toISOString().replaceAll(':', '-')}.json`;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
