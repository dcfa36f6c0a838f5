import type { Envelope } from '../../shared/envelope';

/**
 * A tool result whose one text block is exactly its structured content as
 * JSON, so a response can write that JSON once for both (response-json.ts).
 * Assignable to the SDK's CallToolResult.
 */
// A type, not an interface: the SDK's result type has an index signature that only a type alias meets.
export type MirroredToolResult = {
  content: [{ type: 'text'; text: string }];
  structuredContent: Record<string, unknown>;
  isError: boolean;
};

/** Wraps an envelope as a tool result: structured, mirrored as text, flagged when it is an error. */
export function toToolResult(envelope: Envelope<unknown>): MirroredToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(envelope) }],
    structuredContent: envelope,
    isError: envelope.status === 'error',
  };
}
