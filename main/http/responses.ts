import type { ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/**
 * Sends JSON that is already text, whole or in parts that join into it. Parts
 * are written corked, so they leave in one write of the socket, copied once
 * into its buffer, rather than joined into one more string first.
 */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string | readonly string[],
  headers: Record<string, string> = {},
): void {
  const parts = typeof text === 'string' ? [text] : text;
  let length = 0;
  for (const part of parts) length += Buffer.byteLength(part);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.cork();
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  // end() uncorks fully: the head and every part go out together.
  res.end(parts.at(-1));
}

/**
 * Answers before the body has been read: the connection is closed after the
 * answer, so the rest of an oversized upload is never read or buffered.
 */
export function sendAndClose(res: ServerResponse, send: (res: ServerResponse) => void): void {
  // Node then sends Connection: close and ends the socket once the answer is out.
  res.shouldKeepAlive = false;
  send(res);
}
