import { hash } from 'node:crypto';
import { z } from 'zod';
import type { ListTasks } from '../../shared/task-schemas';
import { fail, ok, type Result } from '../../shared/result';
import type { CreatedPosition, DuePosition, ListedTask, ReadyPosition } from '../db/task-repository';

// Every field is checked for the exact form the server writes: a forged
// cursor is untrusted input, and its values go into a query (a NUL byte in one
// made Postgres fail the query instead of the cursor being refused).
const fingerprintField = z.string().regex(/^[A-Za-z0-9_-]{12}$/);
const timestampField = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/);
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const idField = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/**
 * Cursors are opaque to callers: base64url JSON holding the keyset position
 * of the last task returned and a fingerprint of the filters and sort. A
 * cursor replayed with different filters would silently skip or repeat
 * tasks, so it is refused instead.
 */
const payload = z.discriminatedUnion('sort', [
  z.strictObject({
    v: z.literal(1),
    sort: z.literal('created_at'),
    f: fingerprintField,
    createdAt: timestampField,
    id: idField,
  }),
  z.strictObject({
    v: z.literal(1),
    sort: z.literal('ready'),
    f: fingerprintField,
    readyOrder: z.string().regex(/^[0-3]\|\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/),
    id: idField,
  }),
  z.strictObject({
    v: z.literal(1),
    sort: z.literal('due_date'),
    f: fingerprintField,
    dueDate: dateField.nullable(),
    id: idField,
  }),
]);

export type ListPosition =
  | { sort: 'created_at'; at: CreatedPosition }
  | { sort: 'due_date'; at: DuePosition }
  | { sort: 'ready'; at: ReadyPosition };

/** The order a list is in: ready lists have their own, whatever sort says. */
export const listOrder = (input: ListTasks) => (input.ready ? 'ready' : (input.sort ?? 'created_at'));

const NOT_OURS = 'cursor is not one this server issued; call list_tasks again without cursor';
const OTHER_LIST =
  'cursor belongs to a list with different filters or sort; repeat the call with the same filters and sort, or drop cursor to start over';

function fingerprint(input: ListTasks): string {
  // Defaults are filled in, so a caller who spells one out continues the same list.
  const shape = [
    input.status ?? 'open',
    input.query,
    input.tag,
    input.priority,
    input.due_before,
    input.due_after,
    input.sort ?? 'created_at',
    input.project?.toLowerCase(),
    input.parent_id,
    input.ready,
    input.claimed_by,
  ];
  return hash('sha256', JSON.stringify(shape), 'base64url').slice(0, 12);
}

export function encodeCursor(input: ListTasks, last: ListedTask): string {
  const f = fingerprint(input);
  const order = listOrder(input);
  const body =
    order === 'ready'
      ? { v: 1, sort: 'ready', f, readyOrder: last.readyOrder, id: last.id }
      : order === 'created_at'
        ? { v: 1, sort: 'created_at', f, createdAt: last.createdAt, id: last.id }
        : { v: 1, sort: 'due_date', f, dueDate: last.dueDate, id: last.id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(input: ListTasks): Result<ListPosition | undefined> {
  if (input.cursor === undefined) return ok(undefined);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8'));
  } catch {
    return fail('validation_error', NOT_OURS);
  }
  const parsed = payload.safeParse(decoded);
  if (!parsed.success) return fail('validation_error', NOT_OURS);
  const cursor = parsed.data;
  if (cursor.f !== fingerprint(input) || cursor.sort !== listOrder(input)) {
    return fail('validation_error', OTHER_LIST);
  }
  if (cursor.sort === 'ready') return ok({ sort: 'ready', at: { readyOrder: cursor.readyOrder, id: cursor.id } });
  return ok(
    cursor.sort === 'created_at'
      ? { sort: 'created_at', at: { createdAt: cursor.createdAt, id: cursor.id } }
      : { sort: 'due_date', at: { dueDate: cursor.dueDate, id: cursor.id } },
  );
}
