import type { Command } from 'commander';
import { LOCAL_USER_ID } from '../../shared/limits';
import { userId as userIdSchema } from '../../shared/token-schemas';
import { serveOverStdio } from '../app/serve-over-stdio';
import { UserFacingError } from '../errors';
import { commandConfig, withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';

export function registerStdioCommand(program: Command, cli: CliContext): void {
  withDatabaseOptions(program.command('stdio'))
    .description('serve the same tools over stdin/stdout, for clients that only start local processes')
    .option('--user <id>', 'the user the calls act for (created if unknown)', LOCAL_USER_ID)
    .action(async (options: DatabaseOptions & { user: string }) => {
      const user = userIdSchema.safeParse(options.user);
      if (!user.success) throw new UserFacingError(user.error.issues[0]?.message ?? 'invalid --user');
      await serveOverStdio(commandConfig(cli, options), user.data, cli.logger);
    });
}
