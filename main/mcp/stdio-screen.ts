import type { JSONRPCErrorResponse } from '@modelcontextprotocol/sdk/types.js';
import { Transform, type Readable } from 'node:stream';
import { classifyBody, INVALID_PARAMS } from './json-rpc';

// A line longer than this is passed on unscreened; the SDK's transport refuses it on its own (10 MiB).
const MAX_SCREENED_LINE = 1024 * 1024;

/**
 * The SDK's stdio transport drops a request its message schema refuses
 * (params that are not an object, a malformed _meta or progress token)
 * without a reply, so the client waits forever. This screen reads each line
 * before the transport does, answers those requests with -32602 under their
 * own id (as the HTTP endpoint does), and passes every other line on as it
 * came.
 */
export function screenStdioInput(input: Readable, answer: (reply: JSONRPCErrorResponse) => void): Readable {
  let pending: Buffer = Buffer.alloc(0);
  let passingLongLine = false;

  function screenLine(line: Buffer): Buffer | undefined {
    const message = classifyBody(line);
    if (message.kind !== 'invalid_params') return line;
    answer({ jsonrpc: '2.0', id: message.id, error: { code: INVALID_PARAMS, message: message.message } });
    return undefined;
  }

  const screen = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let data: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let newline = data.indexOf(0x0a);
      while (newline !== -1) {
        const line = data.subarray(0, newline + 1);
        if (passingLongLine) {
          this.push(line);
          passingLongLine = false;
        } else {
          const kept = screenLine(line);
          if (kept) this.push(kept);
        }
        data = data.subarray(newline + 1);
        newline = data.indexOf(0x0a);
      }
      if (passingLongLine || data.length > MAX_SCREENED_LINE) {
        passingLongLine = true;
        this.push(data);
        data = Buffer.alloc(0);
      }
      pending = data;
      done();
    },
    flush(done) {
      if (pending.length > 0) this.push(pending);
      done();
    },
  });
  return input.pipe(screen);
}
