import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyShape, Refusal } from './refusals';

/** One request and its response, as every route and guard sees them. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

/**
 * A step of a route: it answers (and resolves with nothing), or resolves
 * with the refusal the edge answers in the route's shape. A route never
 * writes a refusal itself, so no route reports "already answered".
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a step that answered resolves with nothing, as any async handler does
export type Step<E extends Exchange = Exchange> = (exchange: E) => Promise<Refusal | void>;

/** A guard passes the exchange on, widened with what it established (a caller, a body), or refuses it. */
export type Guard<In extends Exchange, Out extends In> = (exchange: In, next: Step<Out>) => ReturnType<Step>;

/** One entry of the edge's route table. */
export interface HttpRoute {
  /** `/x` matches that path alone; `/x/*` matches it and everything under it; a function decides for itself. */
  path: string | ((path: string) => boolean);
  /** The methods served; any other is answered 405 with Allow. Omitted: the route routes methods itself. */
  methods?: readonly string[];
  /** What a 405 tells the caller, when the methods alone would not. */
  methodHint?: string;
  shape: BodyShape;
  /** The route's own guards, then its handler, composed (see guarded). */
  run: Step;
}

/** Composes a guard before a step: `guarded(token, guarded(jsonBody, handler))`. */
export function guarded<In extends Exchange, Out extends In>(guard: Guard<In, Out>, next: Step<Out>): Step<In> {
  return (exchange) => guard(exchange, next);
}

export function routeMatches(route: HttpRoute, path: string): boolean {
  if (typeof route.path === 'function') return route.path(path);
  if (!route.path.endsWith('/*')) return path === route.path;
  const base = route.path.slice(0, -2);
  return path === base || path.startsWith(`${base}/`);
}
