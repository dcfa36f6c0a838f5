import type { IncomingHttpHeaders } from 'node:http';
import type { McpHttpFacts, ModernError } from '../mcp/mcp-seam';
import { HEADER_MISMATCH } from '../mcp/modern-protocol';

const NAMED_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);
const BASE64_SENTINEL = /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/;

/** One header's value with surrounding whitespace removed (RFC 9110 §5.5), or undefined when absent. */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Mcp-Name as the client meant it: a =?base64?…?= value is decoded first, as the binding requires. */
function decodedName(value: string): string {
  const encoded = BASE64_SENTINEL.exec(value);
  return encoded ? Buffer.from(encoded[1] ?? '', 'base64').toString('utf8') : value;
}

const mismatch = (message: string): ModernError => ({ status: 400, code: HEADER_MISMATCH, message });
const quoted = (value: string): string => JSON.stringify(value.slice(0, 100));

/**
 * The Streamable HTTP binding's server validation: the headers that mirror
 * the body (MCP-Protocol-Version, Mcp-Method, Mcp-Name) must be present and
 * agree with it, so no proxy routing on a header can be told one thing while
 * the server does another.
 */
export function mirroredHeaderProblem(
  headers: IncomingHttpHeaders,
  request: { method: string; params?: Record<string, unknown> },
  version: string,
): ModernError | undefined {
  const versionHeader = headerValue(headers, 'mcp-protocol-version');
  if (versionHeader === undefined) return mismatch('Header mismatch: the MCP-Protocol-Version header is required');
  if (versionHeader !== version) {
    return mismatch(
      `Header mismatch: MCP-Protocol-Version header ${quoted(versionHeader)} does not match _meta protocolVersion ${quoted(version)}`,
    );
  }
  const method = headerValue(headers, 'mcp-method');
  if (method === undefined) return mismatch('Header mismatch: the Mcp-Method header is required');
  if (method !== request.method) {
    return mismatch(
      `Header mismatch: Mcp-Method header ${quoted(method)} does not match body method ${quoted(request.method)}`,
    );
  }
  if (!NAMED_METHODS.has(request.method)) return undefined;
  const bodyName = request.params?.name ?? request.params?.uri;
  if (typeof bodyName !== 'string') return undefined;
  const name = headerValue(headers, 'mcp-name');
  if (name === undefined) return mismatch(`Header mismatch: the Mcp-Name header is required for ${request.method}`);
  if (decodedName(name) !== bodyName) {
    return mismatch(`Header mismatch: Mcp-Name header ${quoted(name)} does not match body value ${quoted(bodyName)}`);
  }
  return undefined;
}

/** What the MCP seam needs to know of an HTTP request beside its body: the version header, and the mirror check. */
export function mcpHttpFacts(headers: IncomingHttpHeaders): McpHttpFacts {
  return {
    versionHeader: headerValue(headers, 'mcp-protocol-version'),
    mirroredHeaderProblem: (request, version) => mirroredHeaderProblem(headers, request, version),
  };
}
