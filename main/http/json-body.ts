import type { IncomingMessage } from 'node:http';
import { readBody } from './read-body';
import { REFUSALS, type Refusal } from './refusals';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../shared/json-depth';

/** Refusing any other type also stops cross-site form posts, which cannot send application/json. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; refusal: Refusal } | { ok: false; aborted: true };

/** Reads a JSON request body within the size and depth bounds; an empty body reads as undefined. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonContentType(req.headers['content-type'])) {
    return { ok: false, refusal: REFUSALS.notJson };
  }
  const body = await readBody(req);
  if (!body.ok) {
    return body.reason === 'too_large' ? { ok: false, refusal: REFUSALS.tooLarge } : { ok: false, aborted: true };
  }
  if (body.body.length === 0) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(body.body.toString('utf8'));
  } catch {
    return { ok: false, refusal: REFUSALS.badBody('the body is not valid JSON') };
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    return { ok: false, refusal: REFUSALS.badBody(`the body nests deeper than ${MAX_JSON_DEPTH} levels`) };
  }
  return { ok: true, value };
}
