import type { FinishedToolCall } from '../mcp/build-mcp-server';
import type { Metrics } from '../metrics/metrics';
import type { ToolCallLog } from '../tool-log/tool-call-log';
import { ARGUMENT_LIMITS, loggableText, RESULT_LIMITS, truncateForLog } from '../tool-log/truncate';

/** Sends every finished tool call to the log (and its live subscribers) and to the metrics. */
export function recordToolCall(log: ToolCallLog, metrics: Metrics | undefined) {
  return (call: FinishedToolCall): void => {
    const errorCode = call.envelope.status === 'error' ? call.envelope.error.code : null;
    log.record({
      id: call.id,
      userId: call.caller.userId,
      tokenId: call.caller.tokenId,
      // Over stdio the label is whatever name the client gave itself (at initialize, or in a 2026-07-28 request's _meta).
      clientLabel: loggableText(call.caller.clientLabel, 100),
      tool: call.tool,
      arguments: truncateForLog(call.args ?? {}, ARGUMENT_LIMITS),
      outcome: call.envelope.status,
      errorCode,
      result: truncateForLog(call.envelope, RESULT_LIMITS),
      durationMs: Math.round(call.durationMs * 1000) / 1000,
      taskId: call.taskId,
      createdAt: call.startedAt.toISOString(),
    });
    metrics?.observeToolCall({
      tool: call.tool,
      outcome: call.envelope.status,
      errorCode,
      durationMs: call.durationMs,
    });
  };
}
