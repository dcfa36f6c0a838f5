import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

/**
 * The 2026-07-28 revision's vocabulary: versions, reserved _meta keys, error
 * codes. Modern requests carry their version, client and capabilities in
 * params._meta on every request; there is no initialize.
 */
export const MODERN_PROTOCOL_VERSIONS: readonly string[] = ['2026-07-28'];

/** The versions a 2025-era client negotiates at initialize (the SDK's list). */
export const LEGACY_PROTOCOL_VERSIONS: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS;

/** Every version TaskDesk serves, newest first: what server/discover and -32022 name. */
export const SERVED_PROTOCOL_VERSIONS: readonly string[] = [...MODERN_PROTOCOL_VERSIONS, ...LEGACY_PROTOCOL_VERSIONS];

export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';
export const META_SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

export const METHOD_NOT_FOUND = -32601;
export const HEADER_MISMATCH = -32020;
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

type Meta = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The request's params._meta, when it is an object. */
export function requestMeta(request: JSONRPCRequest): Meta | undefined {
  const meta = request.params?._meta;
  return isPlainObject(meta) ? meta : undefined;
}

/** A request that names its protocol version in _meta speaks the modern revision. */
export function carriesModernMeta(request: JSONRPCRequest): boolean {
  const meta = requestMeta(request);
  return meta !== undefined && META_PROTOCOL_VERSION in meta;
}

/**
 * Why a modern request's _meta is malformed, or undefined: protocolVersion
 * (a string) and clientCapabilities (an object) are required on every
 * request; clientInfo is optional but must be an object when present.
 */
export function metaProblem(meta: Meta | undefined): string | undefined {
  const missing: string[] = [];
  if (typeof meta?.[META_PROTOCOL_VERSION] !== 'string') missing.push(META_PROTOCOL_VERSION);
  if (!isPlainObject(meta?.[META_CLIENT_CAPABILITIES])) missing.push(META_CLIENT_CAPABILITIES);
  if (missing.length > 0) {
    return `Invalid params: a ${MODERN_PROTOCOL_VERSIONS[0]} request carries params._meta with ${META_PROTOCOL_VERSION} (a string) and ${META_CLIENT_CAPABILITIES} (an object); missing or malformed: ${missing.join(', ')}`;
  }
  const clientInfo = meta?.[META_CLIENT_INFO];
  if (clientInfo !== undefined && !isPlainObject(clientInfo)) {
    return `Invalid params: params._meta.${META_CLIENT_INFO} must be an object {name, version}`;
  }
  return undefined;
}

/** The client's self-reported name from _meta, bounded, for log labels only. */
export function clientNameOf(meta: Meta | undefined): string | undefined {
  const info = meta?.[META_CLIENT_INFO];
  const name = isPlainObject(info) ? info.name : undefined;
  return typeof name === 'string' && name.length > 0 ? name.slice(0, 100) : undefined;
}

/** The data of an UnsupportedProtocolVersionError. */
export function unsupportedVersionData(requested: string): { supported: readonly string[]; requested: string } {
  return { supported: SERVED_PROTOCOL_VERSIONS, requested: requested.slice(0, 100) };
}
