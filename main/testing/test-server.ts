import { startServer, type RunningServer, type ServerOptions } from '../app/start-server';
import type { DatabaseLocation } from '../config/database-location';
import { createLogger } from '../logging/logger';
import { testConfig } from './test-config';
import { connectClient, type Client } from '../mcp/testing/connect-client';
import type { DatabaseTarget } from './database-targets';

export interface TestServer {
  server: RunningServer;
  location: DatabaseLocation;
  /** A fresh token for a client; `user` defaults to the local user. */
  createToken: (label: string, user?: string) => Promise<string>;
  /** An official SDK client, connected over real HTTP with `token`. */
  connect: (token: string, name?: string) => Promise<Client>;
  close: () => Promise<void>;
}

/** A real server on a free port over a fresh database of the target's dialect. */
export async function startTestServer(
  target: DatabaseTarget,
  options: {
    toolLogRetention?: number;
    allowedHosts?: string[];
  } & Partial<
    Pick<ServerOptions, 'logger' | 'instanceNonce' | 'desktop' | 'clientEnvironment' | 'clock' | 'leaseSweepMs'>
  > = {},
): Promise<TestServer> {
  const { location, cleanup } = await target.createLocation();
  const { toolLogRetention, allowedHosts, ...serverOptions } = options;
  const config = testConfig({ database: location, port: 0, allowedHosts, logRetention: toolLogRetention });
  const server = await startServer({ config, logger: createLogger('silent'), ...serverOptions });
  const databaseLocation = location;
  const clients: Client[] = [];
  return {
    server,
    location: databaseLocation,
    createToken: async (label, user) => {
      const created = await server.services.tokens.create({ label, ...(user ? { user } : {}) });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.token;
    },
    connect: async (token, name = 'taskdesk-test') => {
      const client = await connectClient(server.mcpUrl, token, name);
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
      await cleanup();
    },
  };
}
