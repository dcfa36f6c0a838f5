import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { responseJsonParts } from './response-json';
import { toToolResult } from './tool-result';

const responseJson = (message: JSONRPCMessage) => responseJsonParts(message).join('');

const response = (result: unknown, id: string | number = 7) => ({ jsonrpc: '2.0', id, result }) as JSONRPCMessage;

describe('serializing responses', () => {
  it.each([
    [
      'a page of tasks',
      { status: 'success', data: { tasks: [{ title: 'quote " backslash \\ line\n tab\t é 😀 \u2028' }] } },
    ],
    ['an error', { status: 'error', error: { code: 'not_found', message: 'no task with id "x"' } }],
    ['an empty page', { status: 'success', data: { tasks: [], next_cursor: null } }],
  ])('writes %s as the same JSON as JSON.stringify, with text and structured content identical', (_name, envelope) => {
    const message = response(toToolResult(envelope as never), 'id-"1"');
    const written = responseJson(message);
    expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(message)));
    const { result } = JSON.parse(written) as { result: { content: { text: string }[]; structuredContent: unknown } };
    expect(result.content[0]?.text).toBe(JSON.stringify(result.structuredContent));
  });

  it('falls back to JSON.stringify for anything that is not a mirrored tool result', () => {
    const others = [
      response({ tools: [{ name: 'add_task' }] }),
      response({ content: [{ type: 'text', text: '{}' }], structuredContent: {}, isError: false, _meta: { a: 1 } }),
      response({
        content: [
          { type: 'text', text: '{}' },
          { type: 'text', text: '{}' },
        ],
        structuredContent: {},
        isError: false,
      }),
      { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found' } } as JSONRPCMessage,
    ];
    for (const message of others) expect(responseJson(message)).toBe(JSON.stringify(message));
  });
});
