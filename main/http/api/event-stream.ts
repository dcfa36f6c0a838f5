import type { ServerResponse } from 'node:http';
import type { LiveEvents } from '../../live/live-events';

// Comments keep idle connections (and proxies in `npm run dev`) from timing out.
const HEARTBEAT_MS = 15_000;
// A window that stops reading must not make the server buffer without end:
// past this much unsent data it is disconnected, and on reconnecting it
// refetches. With every allowed stream stalled the server holds at most
// MAX_STREAMS times this (16 MiB), which keeps it inside its memory target;
// a reading window never comes near it, as the kernel's socket buffer takes
// a burst first.
const MAX_BUFFERED_BYTES = 256 * 1024;
// Each open window holds one stream; more than this means something is looping.
const MAX_STREAMS = 64;

interface OpenStream {
  sessionKey: string;
  /** Stops the stream's subscription and heartbeat; safe to call twice. */
  stop: () => void;
}

/** Server-sent events for the signed-in user's task changes, tool calls and tokens. */
export function createEventStreams(live: LiveEvents) {
  const open = new Map<ServerResponse, OpenStream>();
  let slowReadersCut = 0;

  function finish(res: ServerResponse): void {
    open.get(res)?.stop();
    open.delete(res);
    if (!res.writableEnded) res.end();
  }

  return {
    open(res: ServerResponse, userId: string, sessionKey: string): void {
      if (open.size >= MAX_STREAMS) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('too many open event streams');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        connection: 'keep-alive',
      });
      // The retry hint and an initial comment make EventSource report "open" at once.
      res.write('retry: 2000\n: connected\n\n');
      const send = (text: string) => {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength + Buffer.byteLength(text) > MAX_BUFFERED_BYTES) {
          slowReadersCut++;
          res.destroy();
        } else {
          res.write(text);
        }
      };
      const unsubscribe = live.subscribe(userId, (name, data) =>
        send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
      );
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      open.set(res, {
        sessionKey,
        stop: () => {
          clearInterval(heartbeat);
          unsubscribe();
        },
      });
      res.on('close', () => finish(res));
    },

    /** Ends the streams a session holds open: after sign-out nothing more reaches that window. */
    closeSession(sessionKey: string): void {
      for (const [res, stream] of open) if (stream.sessionKey === sessionKey) finish(res);
    },

    /** Unsent bytes held for all open streams now: what slow readers cost in memory. */
    bufferedBytes(): number {
      let total = 0;
      for (const res of open.keys()) total += res.writableLength;
      return total;
    },

    /** Streams cut so far because their reader fell too far behind. */
    slowReadersCut: () => slowReadersCut,

    /** Ends every stream, so shutdown does not wait on windows that never close. */
    closeAll(): void {
      for (const res of [...open.keys()]) finish(res);
    },
  };
}

export type EventStreams = ReturnType<typeof createEventStreams>;
