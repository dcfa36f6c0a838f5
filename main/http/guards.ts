import type { Caller, TokenService } from '../tokens/token-service';
import { bearerToken } from './bearer';
import type { Exchange, Guard } from './exchange';
import { checkRequestTarget, hasDuplicateHost, isAllowedHost, isAllowedOrigin, type HostPolicy } from './host-origin';
import { isJsonContentType } from './json-body';
import { MAX_BODY_BYTES, readBody } from './read-body';
import { REFUSALS, type Refusal } from './refusals';

/**
 * Host and origin, before anything else on every route: a page on another
 * site, or a rebinding DNS name, gets nothing from this server.
 */
export function hostAndOriginProblem(exchange: Pick<Exchange, 'req'>, policy: HostPolicy): Refusal | undefined {
  const { req } = exchange;
  if (hasDuplicateHost(req.headersDistinct)) return REFUSALS.duplicateHost;
  const target = checkRequestTarget(req.url, policy);
  if (target === 'malformed') return REFUSALS.malformedTarget;
  if (target === 'forbidden' || !isAllowedHost(req.headers.host, policy)) return REFUSALS.hostNotAllowed;
  if (!isAllowedOrigin(req.headers.origin, policy)) return REFUSALS.originNotAllowed;
  return undefined;
}

/** A bearer token that names a caller; every authenticated request counts as a sighting of its token. */
export function tokenGuard<E extends Exchange>(
  tokens: Pick<TokenService, 'authenticate'>,
  tokenSeen: (tokenId: string) => void,
): Guard<E, E & { caller: Caller }> {
  return async (exchange, next) => {
    const token = bearerToken(exchange.req);
    const caller = token ? await tokens.authenticate(token) : undefined;
    if (caller?.tokenId) tokenSeen(caller.tokenId);
    if (!caller) return REFUSALS.noToken;
    return next({ ...exchange, caller });
  };
}

/** Clients must accept JSON; a missing Accept header is taken as accepting anything. */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/**
 * A JSON exchange: a JSON content type, an Accept that allows JSON, and the
 * body read within `limit` bytes (refused while it streams in, never
 * buffered whole). A client that went away is not answered.
 */
export function jsonExchangeGuard<E extends Exchange>(limit = MAX_BODY_BYTES): Guard<E, E & { body: Buffer }> {
  return async (exchange, next) => {
    const { req, res } = exchange;
    if (!isJsonContentType(req.headers['content-type'])) return REFUSALS.notJson;
    if (!acceptsJson(req.headers.accept)) return REFUSALS.notAcceptingJson;
    const body = await readBody(req, limit);
    if (body.ok) return next({ ...exchange, body: body.body });
    if (body.reason === 'too_large') return REFUSALS.tooLarge;
    res.destroy();
    return undefined;
  };
}
