const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host header, lower-cased, IPv6 in brackets, without the port. */
export function hostNameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
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
  return LOOPBACK_NAMES.includes(name) || policy.extraHosts.includes(name);
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
