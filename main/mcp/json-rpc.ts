import type { JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { describeValue } from '../../shared/describe-value';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-depth';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

const NOT_A_MESSAGE = 'Invalid Request: expected a JSON-RPC 2.0 message object';

const isPlainObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

export type IncomingMessageKind =
  | { kind: 'request'; request: JSONRPCRequest }
  | { kind: 'notification' }
  | { kind: 'response' }
  // id is the request's when it could be read, so even a refusal can be matched to its request.
  | { kind: 'invalid'; code: number; message: string; id: string | number | null }
  // A request whose id is known but whose params are malformed: the answer carries the id, so the client can match it.
  | { kind: 'invalid_params'; id: string | number; message: string };

/**
 * Classifies one HTTP body as a JSON-RPC message. Batches are refused (the
 * 2025-06-18 protocol dropped them) and deep nesting is refused before any
 * code that recurses can see it.
 */
export function classifyBody(body: Buffer): IncomingMessageKind {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'invalid', code: PARSE_ERROR, message: 'Parse error: the body is not valid JSON', id: null };
  }
  if (Array.isArray(parsed)) {
    return {
      kind: 'invalid',
      code: INVALID_REQUEST,
      message: 'Invalid Request: JSON-RPC batches are not supported; send one message per request',
      id: null,
    };
  }
  if (parsed === null || typeof parsed !== 'object') {
    return { kind: 'invalid', code: INVALID_REQUEST, message: NOT_A_MESSAGE, id: null };
  }
  const message = parsed as Record<string, unknown>;
  const hasId = typeof message.id === 'string' || (typeof message.id === 'number' && Number.isFinite(message.id));
  const readId = hasId ? (message.id as string | number) : null;
  if (message.jsonrpc !== '2.0') return { kind: 'invalid', code: INVALID_REQUEST, message: NOT_A_MESSAGE, id: readId };
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    return {
      kind: 'invalid',
      code: INVALID_REQUEST,
      message: `Invalid Request: JSON nests deeper than ${MAX_JSON_DEPTH} levels`,
      id: readId,
    };
  }
  if (typeof message.method === 'string') {
    if (!('id' in message)) return { kind: 'notification' };
    if (!hasId)
      return {
        kind: 'invalid',
        code: INVALID_REQUEST,
        message: 'Invalid Request: id must be a string or a number',
        id: null,
      };
    const id = message.id as string | number;
    if (message.params !== undefined && !isPlainObject(message.params)) {
      const got = describeValue(message.params);
      return {
        kind: 'invalid_params',
        id,
        message: `Invalid params: params must be an object (or left out); got ${got}`,
      };
    }
    // Only the four request fields go on, and _meta must be an object: the SDK
    // silently drops a request its schema refuses (stray fields, a malformed
    // _meta), which would leave the HTTP request without an answer.
    const meta = (message.params as { _meta?: unknown } | undefined)?._meta;
    if (meta !== undefined && !isPlainObject(meta)) {
      return { kind: 'invalid_params', id, message: 'Invalid params: params._meta must be an object' };
    }
    const progressToken = (meta as { progressToken?: unknown } | undefined)?.progressToken;
    if (progressToken !== undefined && typeof progressToken !== 'string' && !Number.isInteger(progressToken)) {
      // The SDK drops such a request without a word (its schema wants a string
      // or an integer), which would leave it unanswered.
      return {
        kind: 'invalid_params',
        id,
        message: 'Invalid params: params._meta.progressToken must be a string or a whole number',
      };
    }
    const request = {
      jsonrpc: '2.0' as const,
      id,
      method: message.method,
      ...(message.params === undefined ? {} : { params: message.params as JSONRPCRequest['params'] }),
    };
    return { kind: 'request', request };
  }
  if (hasId && ('result' in message || 'error' in message)) return { kind: 'response' };
  return {
    kind: 'invalid',
    code: INVALID_REQUEST,
    message: 'Invalid Request: not a JSON-RPC request, notification or response',
    id: readId,
  };
}

export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

/**
 * Why a tools/call request's params are malformed, in one line, or undefined
 * when they are well formed. The SDK would answer these with -32603 and a
 * multi-line dump of its schema errors; a client deserves -32602 naming the
 * field. The tool's own arguments are checked by the tool, in its envelope.
 */
export function toolCallParamsProblem(request: JSONRPCRequest): string | undefined {
  if (request.method !== 'tools/call') return undefined;
  const params = request.params;
  if (params === undefined) {
    return 'Invalid params: tools/call needs params {name, arguments}; params is missing';
  }
  if (typeof params.name !== 'string' || params.name.length === 0) {
    return `Invalid params: params.name must be the tool's name as a non-empty string; got ${describeValue(params.name)}`;
  }
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) {
    return `Invalid params: params.arguments must be an object of the tool's arguments (or left out); got ${describeValue(params.arguments)}`;
  }
  return undefined;
}

// The SDK reads (and checks) this one key of a request's _meta itself.
const RELATED_TASK = 'io.modelcontextprotocol/related-task';

/**
 * A tools/call whose params hold nothing but what TaskDesk reads (name and
 * arguments, well formed) and at most a _meta the SDK would accept: such a
 * call may be answered without the SDK, as the SDK would answer it. Anything
 * else goes through the SDK, which answers it as it always has.
 */
export function isPlainToolCall(request: JSONRPCRequest): boolean {
  if (request.method !== 'tools/call' || toolCallParamsProblem(request) !== undefined) return false;
  const { name: _name, arguments: _arguments, _meta: meta, ...rest } = request.params ?? {};
  if (Object.keys(rest).length > 0) return false;
  if (meta === undefined) return true;
  if (!isPlainObject(meta) || RELATED_TASK in meta) return false;
  const { progressToken } = meta as { progressToken?: unknown };
  return progressToken === undefined || typeof progressToken === 'string' || Number.isInteger(progressToken);
}

const MAX_ERROR_MESSAGE = 1000;
// The SDK's McpError puts "MCP error <code>: " into its message, and a client
// that receives the reply adds the same prefix again: "MCP error -32602: MCP
// error -32602: Unknown tool". The code travels in its own field, so the
// message goes out without it.
const SDK_ERROR_PREFIX = /^(?:MCP error -?\d+: )+/;
const MAX_ISSUES_NAMED = 3;

interface SchemaIssue {
  path?: unknown;
  message?: unknown;
}

/** The schema issues an SDK error message is a dump of, if it is one. */
function schemaIssuesIn(message: string): SchemaIssue[] | undefined {
  const start = message.indexOf('[');
  if (start === -1 || !message.slice(start).trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    return Array.isArray(parsed) && parsed.every((item) => item !== null && typeof item === 'object' && 'path' in item)
      ? (parsed as SchemaIssue[])
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error reply as a client should get it. The SDK answers params its own
 * schemas refuse with -32603 and the whole list of schema issues, pretty
 * printed: for a request holding 100,000 bad items that is megabytes. Such a
 * reply becomes -32602 naming the first few issues in one line, and any other
 * error message loses the SDK's code prefix and is cut to a bounded length.
 */
export function tidyErrorReply<T extends JSONRPCMessage>(reply: T): T {
  if (!('error' in reply)) return reply;
  const error = reply.error;
  const issues = schemaIssuesIn(error.message);
  if (issues) {
    const named = issues.slice(0, MAX_ISSUES_NAMED).map((issue) => {
      const path = Array.isArray(issue.path) ? issue.path.map(String).join('.').slice(0, 100) : '';
      const text = typeof issue.message === 'string' ? issue.message.slice(0, 200) : 'invalid';
      return path ? `${path}: ${text}` : text;
    });
    const more = issues.length > MAX_ISSUES_NAMED ? `; and ${issues.length - MAX_ISSUES_NAMED} more` : '';
    return { ...reply, error: { code: INVALID_PARAMS, message: `Invalid params: ${named.join('; ')}${more}` } };
  }
  const message = error.message.replace(SDK_ERROR_PREFIX, '');
  if (message === error.message && message.length <= MAX_ERROR_MESSAGE) return reply;
  const bounded = message.length <= MAX_ERROR_MESSAGE ? message : `${message.slice(0, MAX_ERROR_MESSAGE)}…`;
  return { ...reply, error: { ...error, message: bounded } };
}
