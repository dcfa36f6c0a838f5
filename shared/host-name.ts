import { z } from 'zod';

// Underscores are allowed: container (Compose) and NetBIOS names use them.
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const DNS_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'i');
const BRACKETED_IPV6 = /^\[[0-9a-f:.]+\]$/i;

/** A host name a request may be addressed to (--allowed-host, the desktop settings): a DNS name, IPv4, or [IPv6]. */
export const hostNameRule = z
  .string({ error: 'a host name must be text' })
  .trim()
  .toLowerCase()
  .max(253, { error: 'a host name is at most 253 characters' })
  .refine((value) => DNS_NAME.test(value) || BRACKETED_IPV6.test(value), {
    error: (issue) => `'${String(issue.input)}' is not a host name (no scheme, port or path: e.g. my-laptop.local)`,
  });
