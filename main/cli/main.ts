import { Command } from 'commander';
import { readEnvironment, type Environment } from '../config/environment';
import { createLogger } from '../logging/logger';
import { registerConnectCommands } from './connect-commands';
import type { CliContext } from './database-options';
import { exitWithError } from './fail';
import { registerMigrateCommand } from './migrate-command';
import { registerServeCommand } from './serve-command';
import { registerStdioCommand } from './stdio-command';
import { registerTokenCommands } from './token-command';
import { registerUiLinkCommand } from './ui-link-command';

let environment: Environment;
try {
  environment = readEnvironment();
} catch (error) {
  // Said once, plainly, before any command runs on a setting it cannot use.
  exitWithError(error, createLogger('info'));
}
const cli: CliContext = { logger: createLogger(environment.logLevel), environment };
const program = new Command('taskdesk')
  .description('A local MCP task server for AI agents')
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode));

registerMigrateCommand(program, cli);
registerServeCommand(program, cli);
registerTokenCommands(program, cli);
registerStdioCommand(program, cli);
registerConnectCommands(program, cli);
registerUiLinkCommand(program, cli);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  exitWithError(error, cli.logger);
}
