/* eslint-disable @typescript-eslint/no-deprecated -- the low-level Server is what the bridge serves (see build-mcp-server.ts) */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { connectBridge, RequestBridge } from './request-bridge';

/** A real SDK server whose tool answers only when the test says so, in any order. */
function serverWithHeldAnswers() {
  const release = new Map<string, () => void>();
  const server = new Server({ name: 'held', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const label = request.params.name;
    await new Promise<void>((resolve) => release.set(label, resolve));
    return { content: [{ type: 'text', text: label }] };
  });
  return { server, release: (label: string) => release.get(label)?.() };
}

const callWithId = (id: number, name: string) => ({
  jsonrpc: '2.0' as const,
  id,
  method: 'tools/call',
  params: { name, arguments: {} },
});

describe('RequestBridge', () => {
  it('answers two in-flight requests with the same id each with its own reply, whatever the order', async () => {
    const { server, release } = serverWithHeldAnswers();
    const bridge = await connectBridge(server);
    const first = bridge.dispatch(callWithId(1, 'first'), {});
    const second = bridge.dispatch(callWithId(1, 'second'), {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(bridge.inFlight).toBe(2);
    release('second');
    release('first');
    expect(await first).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'first' }] } });
    expect(await second).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'second' }] } });
    expect(bridge.inFlight).toBe(0);
  });

  it('answers a request the server never replies to with an error once its time is up', async () => {
    const { server } = serverWithHeldAnswers();
    const bridge = new RequestBridge(50);
    await server.connect(bridge);
    const reply = await bridge.dispatch(callWithId(9, 'never released'), {});
    expect(reply).toMatchObject({ id: 9, error: { code: -32603 } });
    expect(bridge.inFlight).toBe(0);
    await bridge.close();
  });

  it('returns the caller’s own id, string or number, on errors too', async () => {
    const { server } = serverWithHeldAnswers();
    const bridge = await connectBridge(server);
    const reply = await bridge.dispatch({ jsonrpc: '2.0', id: 'abc', method: 'no/such/method' }, {});
    expect(reply).toMatchObject({ id: 'abc', error: { code: -32601 } });
  });
});
