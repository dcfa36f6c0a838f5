import { hash } from 'node:crypto';
import { z } from 'zod';
import type { ToolCallsQuery } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import type { ToolCallPosition } from '../db/tool-call-repository';

// The exact forms the server writes: a cursor is untrusted input and its
// values go into a query, so anything else (a NUL byte, a huge string) is
// refused before it reaches the database.
const payload = z.strictObject({
  v: z.literal(1),
  f: z.string().regex(/^[A-Za-z0-9_-]{12}$/),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/),
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
});

const NOT_OURS = 'cursor is not one this server issued; ask for the first page again without cursor';
const OTHER_FILTERS =
  'cursor belongs to a page with different filters; repeat the request with the same filters, or drop cursor to start over';

/** Names the filters, so a cursor replayed under other filters is refused instead of skipping calls. */
function fingerprint(query: ToolCallsQuery): string {
  return hash('sha256', JSON.stringify([query.outcome, query.tool, query.client]), 'base64url').slice(0, 12);
}

/** Opaque to the UI: base64url JSON of the last call's position and the filters' fingerprint. */
export function encodeToolCallCursor(query: ToolCallsQuery, last: ToolCallPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint(query), at: last.createdAt, id: last.id })).toString(
    'base64url',
  );
}

export function decodeToolCallCursor(query: ToolCallsQuery): Result<ToolCallPosition | undefined> {
  if (query.cursor === undefined) return ok(undefined);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
  } catch {
    return fail('validation_error', NOT_OURS);
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success) return fail('validation_error', NOT_OURS);
  if (parsed.data.f !== fingerprint(query)) return fail('validation_error', OTHER_FILTERS);
  return ok({ createdAt: parsed.data.at, id: parsed.data.id });
}
