import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, JSONRPCRequest, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { INVALID_PARAMS, tidyErrorReply, toolCallParamsProblem } from './json-rpc';

const isRequest = (message: JSONRPCMessage): message is JSONRPCRequest => 'method' in message && 'id' in message;

/**
 * Sits between the stdio transport and the SDK server: answers a malformed
 * tools/call itself, with -32602 in one line, before the SDK's schema would
 * answer it with -32603 and a dump (see toolCallParamsProblem), and tidies
 * every error reply on its way out (tidyErrorReply). Over HTTP the endpoint
 * does the same around its dispatch.
 */
export class ProtocolGate implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  constructor(private readonly inner: Transport) {}

  start(): Promise<void> {
    this.inner.onmessage = (message, extra) => {
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
