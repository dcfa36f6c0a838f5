import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiPath } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';

export interface ApiRequest {
  req: IncomingMessage;
  /** The signed-in user; routes marked `public` get an empty string. */
  userId: string;
  /** The session's handle (not its secret); empty on public routes. */
  sessionKey: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, read and bounded before the route runs; undefined when empty (and on GET). */
  body: unknown;
}

/** A service result and the HTTP status for success; failures map to statuses by code. */
export type ApiReply =
  | {
      result: Result<unknown>;
      /** The status on success (default 200); failures map by error code unless `errorStatus` says. */
      status?: number;
      errorStatus?: number;
      headers?: Record<string, string>;
    }
  /** A long-lived answer the route writes itself: the live event stream. */
  | { stream: (res: ServerResponse) => void };

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** One of the paths shared/api.ts declares for server and client alike; ':' segments capture one segment. */
  path: ApiPath;
  /** Reachable without a session (only signing in). */
  public?: boolean;
  handle: (request: ApiRequest) => Promise<ApiReply>;
}

export const route = (
  method: ApiRoute['method'],
  path: ApiPath,
  handle: ApiRoute['handle'],
  options: { public?: boolean } = {},
): ApiRoute => ({ method, path, handle, ...options });

/** Objects only: spreading a path id into anything else would hide the caller's mistake. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return {};
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A JSON object body plus ids from the path (which win); anything but an object is refused. */
export function bodyWith(request: ApiRequest, ids: Record<string, string>): Result<Record<string, unknown>> {
  const fields = asObject(request.body);
  if (!fields) return fail('validation_error', 'the body must be a JSON object');
  return ok({ ...fields, ...ids });
}
