import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Envelope } from '../../shared/envelope';

/** Wraps an envelope as a tool result: structured, mirrored as text, flagged when it is an error. */
export function toToolResult(envelope: Envelope<unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(envelope) }],
    structuredContent: envelope,
    isError: envelope.status === 'error',
  };
}
