import type { Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import { openDatabase } from '../db/open-database';
import type { Logger } from '../logging/logger';
import { runStdioServer } from '../mcp/stdio-server';
import { createServices } from './create-services';
import { createHealth } from './health';
import { recordToolCall } from './record-tool-call';
import { VERSION } from './version';

/**
 * The eleven tools over stdin/stdout for one user, against a database, until
 * the client closes the pipe: what `taskdesk stdio` and the desktop app's
 * `--stdio` mode both run for clients that only start local processes.
 */
export async function serveOverStdio(
  config: Pick<AppConfig, 'database' | 'resources' | 'logRetention'>,
  userId: string,
  logger: Logger,
  input?: Readable,
): Promise<void> {
  const handle = await openDatabase(config.database, logger, config.resources.migrationsDir);
  const services = createServices(handle, logger, { toolLogRetention: config.logRetention });
  try {
    await services.users.ensure(userId, userId);
    await runStdioServer({
      userId,
      version: VERSION,
      logger,
      deps: { tasks: services.tasks, health: createHealth(handle, logger).report },
      onToolCall: recordToolCall(services.toolLog, undefined),
      input,
    });
  } finally {
    await services.toolLog.close();
    await handle.close();
  }
}
