import type { ServerResponse } from 'node:http';
import type { LiveEvents } from '../../live/live-events';

// Comments keep idle connections (and proxies in `npm run dev`) from timing out.
const HEARTBEAT_MS = 15_000;
// A window that stops reading must not make the server buffer without end:
// past this much unsent data it is disconnected, and on reconnecting it
// refetches. A reading window never comes near it, as the kernel's socket
// buffer takes a burst first.
const MAX_BUFFERED_BYTES = 256 * 1024;
// Each open window holds one stream; more than this means something is looping.
const MAX_STREAMS = 64;

/** One event as it goes on the wire, with its size counted once. */
interface Frame {
  text: string;
  bytes: number;
}

interface OpenStream {
  userId: string;
  sessionKey: string;
}

interface UserFanOut {
  streams: Set<ServerResponse>;
  unsubscribe: () => void;
}

const frameOf = (text: string): Frame => ({ text, bytes: Buffer.byteLength(text) });
const PING = frameOf(': ping\n\n');

/** Server-sent events for the signed-in user's task changes, tool calls and tokens. */
export function createEventStreams(live: LiveEvents) {
  const open = new Map<ServerResponse, OpenStream>();
  // One live subscription per user, not per stream: each event is serialised
  // once and the same string is queued on every stream, so 64 stalled windows
  // hold 64 references to one string rather than 64 copies (and the JSON work
  // and its garbage do not grow with the number of windows).
  const fanOuts = new Map<string, UserFanOut>();
  let slowReadersCut = 0;

  function send(res: ServerResponse, frame: Frame): void {
    if (res.writableEnded || res.destroyed) return;
    if (res.writableLength + frame.bytes > MAX_BUFFERED_BYTES) {
      slowReadersCut++;
      res.destroy();
    } else {
      res.write(frame.text);
    }
  }

  function join(userId: string, res: ServerResponse): void {
    let fanOut = fanOuts.get(userId);
    if (!fanOut) {
      const streams = new Set<ServerResponse>();
      const unsubscribe = live.subscribe(userId, (name, data) => {
        const frame = frameOf(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        for (const each of streams) send(each, frame);
      });
      fanOut = { streams, unsubscribe };
      fanOuts.set(userId, fanOut);
    }
    fanOut.streams.add(res);
  }

  function finish(res: ServerResponse): void {
    const stream = open.get(res);
    open.delete(res);
    const fanOut = stream && fanOuts.get(stream.userId);
    if (fanOut) {
      fanOut.streams.delete(res);
      if (fanOut.streams.size === 0) {
        fanOut.unsubscribe();
        fanOuts.delete(stream.userId);
      }
    }
    if (open.size === 0) stopHeartbeat();
    if (!res.writableEnded) res.end();
  }

  let heartbeat: NodeJS.Timeout | undefined;
  function startHeartbeat(): void {
    heartbeat ??= setInterval(() => {
      for (const res of open.keys()) send(res, PING);
    }, HEARTBEAT_MS);
  }
  function stopHeartbeat(): void {
    clearInterval(heartbeat);
    heartbeat = undefined;
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
      open.set(res, { userId, sessionKey });
      join(userId, res);
      startHeartbeat();
      res.on('close', () => finish(res));
    },

    /** Ends the streams a session holds open: after sign-out nothing more reaches that window. */
    closeSession(sessionKey: string): void {
      for (const [res, stream] of open) if (stream.sessionKey === sessionKey) finish(res);
    },

    /** Unsent bytes held for all open streams now (shared strings counted once per stream). */
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
