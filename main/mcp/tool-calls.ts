import type { ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { toEnvelope, type Envelope } from '../../shared/envelope';
import { fail } from '../../shared/result';
import { storageFailureOf } from '../db/storage-failure';
import { timeOrderedId } from '../ids/time-ordered-id';
import type { Logger } from '../logging/logger';
import type { Caller } from '../tokens/token-service';
import { TOOL_DEFINITIONS, type ToolDeps, type ToolRun } from './tool-definitions';
import { toToolResult, type MirroredToolResult } from './tool-result';

/** What the server reports about each finished tool call (for the log and metrics). */
export interface FinishedToolCall {
  id: string;
  caller: Caller;
  tool: string;
  args: unknown;
  envelope: Envelope<unknown>;
  durationMs: number;
  taskId: string | null;
  startedAt: Date;
}

export interface ToolCallOptions {
  deps: ToolDeps;
  logger: Logger;
  onToolCall: (call: FinishedToolCall) => void;
  /** A reason to refuse a call of this tool (e.g. agents paused), or undefined to serve it. */
  refusal?: (tool: string) => string | undefined;
}

// Built once per process: JSON Schemas for the tool list never change while it runs.
export const LISTED_TOOLS: ListToolsResult = {
  tools: TOOL_DEFINITIONS.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    annotations: { title: tool.title, ...tool.annotations },
    inputSchema: listedSchema(tool.input, 'input') as ListToolsResult['tools'][number]['inputSchema'],
    outputSchema: listedSchema(tool.output, 'output') as ListToolsResult['tools'][number]['outputSchema'],
  })),
};

/**
 * A tool's JSON Schema without its `$schema` line: MCP reads tool schemas as
 * JSON Schema 2020-12 already, and the line cost every tool 58 bytes of the
 * model's context (the tool list is held to 12 KB; see mcp-tools.contract.ts).
 */
function listedSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}
const TOOLS_BY_NAME = new Map(TOOL_DEFINITIONS.map((tool) => [tool.name, tool]));

/** The -32602 message for a tool name that is not in the table. */
export function unknownToolMessage(name: string): string {
  return `Unknown tool: ${name.slice(0, 100)}. Tools: ${[...TOOLS_BY_NAME.keys()].join(', ')}`;
}

export type ToolCallRunner = (name: string, args: unknown, caller: Caller) => Promise<MirroredToolResult | undefined>;

/**
 * Runs one tool call for a caller, whichever protocol era asked: looks the
 * tool up in the table, runs it, reports the finished call, and answers its
 * envelope as a tool result. Undefined means no such tool (a protocol error
 * for the caller to answer in its era's terms).
 */
export function createToolCallRunner(options: ToolCallOptions): ToolCallRunner {
  const { deps, logger, onToolCall, refusal } = options;
  return async (name, args, caller) => {
    const tool = TOOLS_BY_NAME.get(name);
    if (!tool) return undefined;
    const startedAt = new Date();
    const started = performance.now();
    // Time-ordered, because the id is the log table's primary key: random ids
    // landed all over its index, so every log batch rewrote pages across the
    // whole index and the oldest rows' deletion did the same again.
    const id = timeOrderedId();
    let envelope: Envelope<unknown>;
    let taskId: string | null = null;
    try {
      const refused = refusal?.(tool.name);
      const run: ToolRun = refused
        ? { result: fail('conflict', refused), taskId: null }
        : await tool.run(deps, caller, args);
      envelope = toEnvelope(run.result);
      taskId = run.taskId;
    } catch (error) {
      logger.error({ err: error, tool: tool.name, callId: id, client: caller.clientLabel }, 'tool call failed');
      const storage = storageFailureOf(error);
      envelope = storage
        ? { status: 'error', error: { code: 'unavailable', message: storage.message } }
        : { status: 'error', error: { code: 'internal', message: internalMessage(tool.name, id) } };
    }
    const durationMs = performance.now() - started;
    onToolCall({ id, caller, tool: tool.name, args, envelope, durationMs, taskId, startedAt });
    return toToolResult(envelope);
  };
}

function internalMessage(tool: string, callId: string): string {
  return `TaskDesk hit an internal error running ${tool}; nothing more is known to the caller. The server log has the details under reference ${callId}. Try again shortly; call health_check if it keeps failing.`;
}
