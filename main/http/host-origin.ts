import { LOOPBACK_URL_HOSTS as LOOPBACK_NAMES } from '../config/network';

// RFC 9110 §7.2 / RFC 3986 §3.2.2: a Host is a bracketed IPv6 literal or a
// reg-name/IPv4 address, then an optional :port, and nothing else. Anything
// after the closing bracket but a port would let `[::1]evil.example` pass as
// loopback, so the whole header must match.
const BRACKETED_HOST = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;
// Underscores are not DNS but are common in container and NetBIOS names; a
// final dot (the name written fully qualified) names the same host.
const NAMED_HOST = /^([a-z0-9_](?:[a-z0-9._-]*[a-z0-9_])?)\.?(?::(\d{1,5}))?$/;

/**
 * The host name of a Host header, lower-cased, IPv6 in brackets, without the
 * port; undefined when the header is not a well-formed host[:port].
 */
function hostNameOf(host: string): string | undefined {
  const lower = host.trim().toLowerCase();
  const match = BRACKETED_HOST.exec(lower) ?? NAMED_HOST.exec(lower);
  if (!match) return undefined;
  const port = match[2];
  if (port !== undefined && Number(port) > 65_535) return undefined;
  return match[1];
}

export interface HostPolicy {
  /** Names beyond the loopback ones that may reach the server (--allowed-host). */
  extraHosts: readonly string[];
  /** The port the server listens on; its own origins carry it. */
  port: () => number;
}

/**
 * Protects against DNS rebinding: a web page must not reach the server
 * through a host name that resolves to 127.0.0.1. Only loopback names and
 * names the person allowed are served, on any port.
 */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (!host) return false;
  const name = hostNameOf(host);
  return name !== undefined && (LOOPBACK_NAMES.includes(name) || policy.extraHosts.includes(name));
}

// RFC 9112 §3.2.2: only http URLs may be absolute-form targets here; the
// authority is whatever runs up to the path, query or fragment.
const ABSOLUTE_FORM = /^http:\/\/([^/?#]*)/i;

/**
 * A request target is a path (origin-form) or, as RFC 9112 §3.2.2 allows, an
 * absolute http URL, whose authority the server must then take as the host
 * instead of the Host header. So `POST http://evil.example/mcp` with a
 * loopback Host is refused like the Host `evil.example` would be; any other
 * form is malformed here.
 */
export function checkRequestTarget(target: string | undefined, policy: HostPolicy): 'ok' | 'malformed' | 'forbidden' {
  if (target?.startsWith('/')) return 'ok';
  const authority = ABSOLUTE_FORM.exec(target ?? '')?.[1];
  if (authority === undefined) return 'malformed';
  return isAllowedHost(authority, policy) ? 'ok' : 'forbidden';
}

/**
 * RFC 9112 §3.2: a request with more than one Host header is answered 400.
 * Node keeps only the first in `headers.host`, so the raw list is counted.
 */
export function hasDuplicateHost(headersDistinct: NodeJS.Dict<string[]>): boolean {
  return (headersDistinct.host?.length ?? 0) > 1;
}

/**
 * Browsers send Origin on cross-site requests; only the server's own origins
 * (under any allowed host name, on its port) may make them. No Origin means a
 * non-browser client, which the token check covers. `null` (sandboxed
 * frames, file: pages) is refused like any other foreign origin.
 */
export function isAllowedOrigin(origin: string | undefined, policy: HostPolicy): boolean {
  if (origin === undefined) return true;
  const port = policy.port();
  return [...LOOPBACK_NAMES, ...policy.extraHosts].some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}
