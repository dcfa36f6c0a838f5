import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { App } from '../app/create-app';
import { createApp } from '../app/create-app';
import { createLogger } from '../logging/logger';
import { sqliteTarget } from '../testing/database-targets';
import { testConfig } from '../testing/test-config';
import type { Caller } from '../tokens/token-service';
import { createMcpSeam, type McpReply, type McpSeam } from './mcp-seam';
import { RequestBridge } from './request-bridge';

const caller: Caller = { tokenId: null, userId: LOCAL_USER_ID, clientLabel: 'Seam test' };
const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

const body = (message: Record<string, unknown>) => Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
const parsed = (reply: McpReply | null) =>
  reply?.kind === 'message' ? (JSON.parse(reply.parts.join('')) as Record<string, unknown>) : undefined;

describe('the MCP seam', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  const errors: unknown[] = [];
  let failing: McpSeam;
  let working: McpSeam;

  beforeAll(async () => {
    const location = await sqliteTarget.createLocation();
    cleanup = location.cleanup;
    app = await createApp(testConfig({ database: location.location }), createLogger('silent'));
    const logger = createLogger('silent');
    vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void errors.push(args[0]));
    const deps = { tasks: app.services.tasks, health: app.health.report };
    // A log that cannot take the call: what fails after the tool ran is the seam's to answer.
    failing = await createMcpSeam({
      deps,
      version: 'test',
      logger,
      onToolCall: () => {
        throw new Error('the call log is gone');
      },
    });
    working = await createMcpSeam({ deps, version: 'test', logger, onToolCall: () => undefined });
  });
  afterAll(async () => {
    await failing.close();
    await working.close();
    await app.close();
    await cleanup();
  });

  it.each([
    ['2025 era', { id: 'call-1', method: 'tools/call', params: { name: 'list_tasks', arguments: {} } }],
    [
      '2026-07-28',
      { id: 'call-1', method: 'tools/call', params: { name: 'list_tasks', arguments: {}, _meta: MODERN_META } },
    ],
  ])('answers a %s request that fails inside under its own id, and logs why', async (_era, message) => {
    errors.length = 0;
    const reply = await failing.handleMcpMessage(body(message), caller);
    expect(reply).toMatchObject({ kind: 'message', status: 500 });
    expect(parsed(reply)).toEqual({
      jsonrpc: '2.0',
      id: 'call-1',
      error: {
        code: -32603,
        message: 'TaskDesk hit an internal error answering this request; the server log has the details.',
      },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ method: 'tools/call' });
  });

  it('runs a plain 2025-era tools/call beside the SDK, and anything else through it', async () => {
    const dispatch = vi.spyOn(RequestBridge.prototype, 'dispatch');
    const plain = await working.handleMcpMessage(
      body({ id: 1, method: 'tools/call', params: { name: 'list_tasks', arguments: {} } }),
      caller,
    );
    expect(parsed(plain)).toMatchObject({ id: 1, result: { isError: false } });
    expect(dispatch).not.toHaveBeenCalled();
    const related = await working.handleMcpMessage(
      body({
        id: 2,
        method: 'tools/call',
        params: {
          name: 'list_tasks',
          arguments: {},
          _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't' } },
        },
      }),
      caller,
    );
    expect(parsed(related)).toMatchObject({ id: 2, result: { isError: false } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    dispatch.mockRestore();
  });
});
