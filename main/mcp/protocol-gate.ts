import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, JSONRPCRequest, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { INVALID_PARAMS, tidyErrorReply, toolCallParamsProblem } from './json-rpc';
import type { ModernAnswer } from './modern-handler';
import { carriesModernMeta } from './modern-protocol';

const isRequest = (message: JSONRPCMessage): message is JSONRPCRequest => 'method' in message && 'id' in message;

/** Answers one 2026-07-28 request (see createModernHandler). */
export type ModernServe = (request: JSONRPCRequest) => Promise<ModernAnswer>;

/** On stdio a modern client probes with server/discover, and names its version in every request's _meta. */
const isModernRequest = (request: JSONRPCRequest): boolean =>
  request.method === 'server/discover' || carriesModernMeta(request);

/**
 * Sits between the stdio transport and the SDK server: answers a malformed
 * tools/call itself, with -32602 in one line, before the SDK's schema would
 * answer it with -32603 and a dump (see toolCallParamsProblem), and tidies
 * every error reply on its way out (tidyErrorReply). Over HTTP the endpoint
 * does the same around its dispatch. 2026-07-28 requests never reach the SDK
 * server: the modern handler answers them, so one process serves both eras.
 */
export class ProtocolGate implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  constructor(
    private readonly inner: Transport,
    private readonly serveModern?: ModernServe,
  ) {}

  start(): Promise<void> {
    this.inner.onmessage = (message, extra) => {
      if (this.serveModern && isRequest(message) && isModernRequest(message)) {
        this.answerModern(this.serveModern, message);
        return;
      }
      const problem = isRequest(message) ? toolCallParamsProblem(message) : undefined;
      if (problem === undefined) {
        this.onmessage?.(message, extra);
        return;
      }
      const reply = {
        jsonrpc: '2.0' as const,
        id: (message as JSONRPCRequest).id,
        error: { code: INVALID_PARAMS, message: problem },
      };
      this.inner.send(reply).catch((error: unknown) => this.onerror?.(error as Error));
    };
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (error) => this.onerror?.(error);
    return this.inner.start();
  }

  private answerModern(serve: ModernServe, request: JSONRPCRequest): void {
    serve(request)
      .then(async (answer) => {
        // stdio has no statuses: the message, or each message of a stream, is a line.
        const lines = answer.kind === 'message' ? [answer.parts.join('')] : answer.messages;
        for (const line of lines) await this.inner.send(JSON.parse(line) as JSONRPCMessage);
      })
      .catch((error: unknown) => this.onerror?.(error as Error));
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(tidyErrorReply(message), options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }
}
