import { Command } from 'commander';
import { createLogger } from '../logging/logger';
import { registerConnectCommands } from './connect-commands';
import { exitWithError } from './fail';
import { registerMigrateCommand } from './migrate-command';
import { registerServeCommand } from './serve-command';
import { registerStdioCommand } from './stdio-command';
import { registerTokenCommands } from './token-command';
import { registerUiLinkCommand } from './ui-link-command';

const logger = createLogger();
const program = new Command('taskdesk')
  .description('A local MCP task server for AI agents')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode));

registerMigrateCommand(program, logger);
registerServeCommand(program, logger);
registerTokenCommands(program, logger);
registerStdioCommand(program, logger);
registerConnectCommands(program, logger);
registerUiLinkCommand(program, logger);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  exitWithError(error, logger);
}
