import type { Readable } from 'node:stream';

/** What one line of stdin holds: a message to read, or more bytes than any message may have. */
export type StdioLine = { kind: 'line'; bytes: Buffer } | { kind: 'too_long' };

/**
 * The lines of a newline-delimited JSON-RPC stream, however its chunks split
 * them; a trailing "\r" is left for the JSON parser, which skips it. A line
 * longer than `maxBytes` is reported once and skipped to its end, never
 * buffered whole; an unfinished last line is read as a line when input ends.
 */
export async function* readStdioLines(input: Readable, maxBytes: number): AsyncGenerator<StdioLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let newline = data.indexOf(0x0a);
    while (newline !== -1) {
      const tail = data.subarray(0, newline);
      if (skipping) {
        // The rest of a line already reported as too long.
      } else if (pendingBytes + tail.length > maxBytes) {
        yield { kind: 'too_long' };
      } else {
        yield { kind: 'line', bytes: Buffer.concat([...pending, tail]) };
      }
      skipping = false;
      pending = [];
      pendingBytes = 0;
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    if (skipping || data.length === 0) continue;
    pending.push(data);
    pendingBytes += data.length;
    if (pendingBytes > maxBytes) {
      yield { kind: 'too_long' };
      skipping = true;
      pending = [];
      pendingBytes = 0;
    }
  }
  if (!skipping && pendingBytes > 0) yield { kind: 'line', bytes: Buffer.concat(pending) };
}
