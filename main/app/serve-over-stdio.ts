import type { Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../logging/logger';
import { runStdioServer } from '../mcp/stdio-server';
import { withApp } from './create-app';
import { recordToolCall } from './record-tool-call';
import { VERSION } from './version';

/**
 * The eleven tools over stdin/stdout for one user, against a database, until
 * the client closes the pipe: what `taskdesk stdio` and the desktop app's
 * `--stdio` mode both run for clients that only start local processes.
 */
export async function serveOverStdio(
  config: AppConfig,
  userId: string,
  logger: Logger,
  input?: Readable,
): Promise<void> {
  await withApp(config, logger, async ({ services, health }) => {
    await services.users.ensure(userId, userId);
    await runStdioServer({
      userId,
      version: VERSION,
      logger,
      deps: { tasks: services.tasks, health: health.report },
      onToolCall: recordToolCall(services.toolLog, undefined),
      input,
    });
  });
}
