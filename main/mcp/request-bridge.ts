import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCRequest,
  JSONRPCResultResponse,
  MessageExtraInfo,
} from '@modelcontextprotocol/sdk/types.js';

export type JsonRpcReply = JSONRPCResultResponse | JSONRPCErrorResponse;

const REPLY_TIMEOUT_MS = 30_000;
const INTERNAL_ERROR = -32603;

/**
 * A transport built for stateless JSON-over-HTTP: it hands one request at a
 * time to a long-lived SDK server and resolves with that request's reply, so
 * no server, transport or schema is built per request.
 *
 * Requests from different clients may carry the same JSON-RPC id at the same
 * moment (the SDK's advisory GHSA-345p-7cg4-v4c7 is about exactly that mix-up).
 * The SDK keys in-flight requests and replies by id, so each request is given
 * a fresh internal id on the way in and its own id back on the way out: a
 * reply can only ever reach the HTTP request that asked.
 */
export class RequestBridge implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private readonly waiting = new Map<number, { deliver: (reply: JsonRpcReply) => void; deadline: number }>();
  private nextId = 0;
  private sweeper: NodeJS.Timeout | undefined;

  start(): Promise<void> {
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    // Only replies have a waiting HTTP request. Server-initiated requests and
    // notifications have nowhere to go in stateless JSON mode, so they drop.
    if (('result' in message || 'error' in message) && typeof message.id === 'number') {
      const pending = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      pending?.deliver(message);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.onclose?.();
    return Promise.resolve();
  }

  constructor(private readonly replyTimeoutMs = REPLY_TIMEOUT_MS) {}

  /**
   * Sends one request through the server and resolves with its reply, under
   * the caller's own id. A reply that never comes (a request the server
   * dropped) is answered with an error after a while, so no HTTP request and
   * no waiting entry can be stranded. One sweeper checks the deadlines,
   * rather than a timer per request.
   */
  dispatch(request: JSONRPCRequest, extra: MessageExtraInfo): Promise<JsonRpcReply> {
    const internalId = ++this.nextId;
    this.sweeper ??= setInterval(() => this.expireOverdue(), Math.min(this.replyTimeoutMs, 1000)).unref();
    return new Promise((resolve) => {
      this.waiting.set(internalId, {
        deliver: (reply) => resolve({ ...reply, id: request.id }),
        deadline: Date.now() + this.replyTimeoutMs,
      });
      this.onmessage?.({ ...request, id: internalId }, extra);
    });
  }

  private expireOverdue(): void {
    const now = Date.now();
    for (const [id, pending] of this.waiting) {
      if (pending.deadline > now) continue;
      this.waiting.delete(id);
      pending.deliver({
        jsonrpc: '2.0',
        id,
        error: { code: INTERNAL_ERROR, message: 'the server did not answer this request in time' },
      });
    }
  }

  get inFlight(): number {
    return this.waiting.size;
  }
}

export async function connectBridge(server: {
  connect: (transport: Transport) => Promise<void>;
}): Promise<RequestBridge> {
  const bridge = new RequestBridge();
  await server.connect(bridge);
  return bridge;
}
