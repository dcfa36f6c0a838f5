import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { MirroredToolResult } from './tool-result';

function isMirroredToolResult(result: unknown): result is MirroredToolResult {
  if (result === null || typeof result !== 'object') return false;
  const { content, isError, ...rest } = result as Record<string, unknown>;
  const keys = Object.keys(rest);
  if (keys.length !== 1 || keys[0] !== 'structuredContent' || typeof isError !== 'boolean') return false;
  if (!Array.isArray(content) || content.length !== 1) return false;
  const [block] = content as { type?: unknown; text?: unknown }[];
  return block?.type === 'text' && typeof block.text === 'string' && Object.keys(block).length === 2;
}

/**
 * The JSON text of a response, in parts to be written one after another. A
 * tool result's structuredContent is, by construction (tool-result.ts),
 * exactly the JSON in its text block, so that text is written as the
 * structured content instead of serializing the same envelope a second time:
 * the two stay identical byte for byte, and the largest answers (a page of 50
 * tasks) cost one serialization, not two. The parts are not joined: a joined
 * answer is one more copy of every byte, made only to be copied again into
 * the socket's buffer, and on a page of tasks those copies were the largest
 * allocations a request made.
 */
export function responseJsonParts(message: JSONRPCMessage): readonly string[] {
  const { result } = message as { result?: unknown };
  if (!('id' in message) || message.id === undefined || !isMirroredToolResult(result)) return [JSON.stringify(message)];
  return toolResultParts(message.id, result);
}

/**
 * The response to `id` carrying a tool result built by toToolResult, its
 * envelope serialized once (see responseJsonParts). `moreResultJson` is
 * written into the result after isError: fields a protocol era adds, each
 * led by a comma.
 */
export function toolResultParts(id: string | number, result: MirroredToolResult, moreResultJson = ''): string[] {
  const text = result.content[0].text;
  return [
    `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"content":[{"type":"text","text":`,
    JSON.stringify(text),
    '}],"structuredContent":',
    text,
    `,"isError":${String(result.isError)}`,
    moreResultJson,
    '}}',
  ];
}
