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

  private readonly waiting = new Map<number, (reply: JsonRpcReply) => void>();
  private nextId = 0;

  start(): Promise<void> {
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    // Only replies have a waiting HTTP request. Server-initiated requests and
    // notifications have nowhere to go in stateless JSON mode, so they drop.
    if (('result' in message || 'error' in message) && typeof message.id === 'number') {
      const deliver = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      deliver?.(message);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.onclose?.();
    return Promise.resolve();
  }

  constructor(private readonly replyTimeoutMs = REPLY_TIMEOUT_MS) {}

  /**
   * Sends one request through the server and resolves with its reply, under
   * the caller's own id. A reply that never comes (a request the server
   * dropped) is answered with an error after a while, so no HTTP request and
   * no waiting entry can be stranded.
   */
  dispatch(request: JSONRPCRequest, extra: MessageExtraInfo): Promise<JsonRpcReply> {
    const internalId = ++this.nextId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(internalId);
        resolve({
          jsonrpc: '2.0',
          id: request.id,
          error: { code: INTERNAL_ERROR, message: 'the server did not answer this request in time' },
        });
      }, this.replyTimeoutMs);
      this.waiting.set(internalId, (reply) => {
        clearTimeout(timer);
        resolve({ ...reply, id: request.id });
      });
      this.onmessage?.({ ...request, id: internalId }, extra);
    });
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
