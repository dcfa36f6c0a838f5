import type { Command } from 'commander';
import { LOCAL_USER_ID } from '../../shared/limits';
import { userId as userIdSchema } from '../../shared/token-schemas';
import { createHealth } from '../app/health';
import { recordToolCall } from '../app/record-tool-call';
import { VERSION } from '../app/version';
import { UserFacingError } from '../errors';
import type { Logger } from '../logging/logger';
import { runStdioServer } from '../mcp/stdio-server';
import { withDatabaseOptions, type DatabaseOptions } from './database-options';
import { withServices } from './with-services';

export function registerStdioCommand(program: Command, logger: Logger): void {
  withDatabaseOptions(program.command('stdio'))
    .description('serve the same tools over stdin/stdout, for clients that only start local processes')
    .option('--user <id>', 'the user the calls act for (created if unknown)', LOCAL_USER_ID)
    .action(async (options: DatabaseOptions & { user: string }) => {
      const user = userIdSchema.safeParse(options.user);
      if (!user.success) throw new UserFacingError(user.error.issues[0]?.message ?? 'invalid --user');
      await withServices(options, logger, async (services, handle) => {
        await services.users.ensure(user.data, user.data);
        await runStdioServer({
          userId: user.data,
          version: VERSION,
          logger,
          deps: { tasks: services.tasks, health: createHealth(handle, logger).report },
          onToolCall: recordToolCall(services.toolLog, undefined),
        });
      });
    });
}
