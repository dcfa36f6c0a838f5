import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../app/create-services';
import { openDatabase } from '../db/open-database';
import { createLogger } from '../logging/logger';
import { BIN } from '../testing/run-cli';
import { makeTempDir } from '../testing/temp-dir';

describe('taskdesk stdio', () => {
  it('serves the same tools over stdio as the given user, logging calls under the client’s name', async () => {
    const temp = makeTempDir();
    const db = path.join(temp.dir, 'stdio.db');
    try {
      const client = new Client({ name: 'Claude Desktop', version: '0.9.0' });
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'stdio', '--db', db, '--user', 'desk-user'],
        env: { PATH: process.env.PATH ?? '', TASKDESK_LOG_LEVEL: 'warn' },
        stderr: 'pipe',
      });
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(7);
      const added = await client.callTool({ name: 'add_task', arguments: { title: 'from the desktop' } });
      expect(added.structuredContent).toMatchObject({
        status: 'success',
        data: { task: { title: 'from the desktop' } },
      });
      const health = await client.callTool({ name: 'health_check', arguments: {} });
      expect(health.structuredContent).toMatchObject({ data: { database: { kind: 'sqlite', reachable: true } } });
      await client.close();

      const handle = await openDatabase({ kind: 'sqlite', path: db }, createLogger('silent'));
      try {
        const services = createServices(handle, createLogger('silent'));
        const listed = await services.tasks.list('desk-user', {});
        expect(listed.ok && listed.value.tasks.map((task) => task.title)).toEqual(['from the desktop']);
        const calls = await services.toolLog.recent('desk-user', 10);
        expect(calls.map((call) => [call.client_label, call.tool, call.outcome])).toEqual([
          ['Claude Desktop', 'health_check', 'success'],
          ['Claude Desktop', 'add_task', 'success'],
        ]);
      } finally {
        await handle.close();
      }
    } finally {
      temp.remove();
    }
  });
});
