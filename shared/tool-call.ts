import type { ErrorCode } from './result';
import type { ToolCallOutcome } from './limits';

/** One entry of the tool-call log, as the UI's live log shows it. */
export interface ToolCall {
  id: string;
  created_at: string;
  user: string;
  client_label: string;
  /** The token the call came with; null for stdio, which needs none. */
  token_id: string | null;
  tool: string;
  arguments: unknown;
  outcome: ToolCallOutcome;
  error_code: ErrorCode | null;
  result: unknown;
  duration_ms: number;
  task_id: string | null;
}
