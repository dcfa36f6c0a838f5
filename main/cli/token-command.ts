import type { Command } from 'commander';
import type { TokenInfo } from '../../shared/token-schemas';
import { UserFacingError } from '../errors';
import { commandConfig, withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';
import { collect } from './options';
import { withApp } from '../app/create-app';

interface CreateOptions extends DatabaseOptions {
  label: string;
  user?: string;
  project: string[];
  readOnly?: boolean;
  json?: boolean;
}

/** What a token may reach: "all projects" or the named ones, and whether it may write. */
export function describeScope(token: Pick<TokenInfo, 'projects' | 'read_only'>): string {
  const where = token.projects
    ? `projects ${token.projects.map((project) => JSON.stringify(project.name)).join(', ')}`
    : 'all projects';
  return `${where}${token.read_only ? ', read-only' : ''}`;
}

function describeToken(token: TokenInfo): string {
  const status = token.revoked_at ? `revoked ${token.revoked_at}` : 'active';
  const used = token.last_used_at ? `last used ${token.last_used_at}` : 'never used';
  return `${token.id}  ${JSON.stringify(token.label)}  user ${token.user}  ${describeScope(token)}  created ${token.created_at}  ${used}  ${token.call_count} calls  ${status}`;
}

export function registerTokenCommands(program: Command, cli: CliContext): void {
  const token = program.command('token').description('manage the bearer tokens agents connect with');

  withDatabaseOptions(token.command('create'))
    .description('create a token for one client; it is printed once and stored only as a hash')
    .requiredOption('--label <name>', 'the client it is for, e.g. "Claude Code"')
    .option('--user <id>', 'the user its calls act for (created if unknown; default: the local user)')
    .option(
      '--project <name>',
      'limit the token to this project (repeatable; created if new); it sees, adds and claims only there',
      collect,
      [],
    )
    .option('--read-only', 'the token may read but never change anything')
    .option('--json', 'print {"token","id","user","label","projects","read_only"} as JSON')
    .action(async (options: CreateOptions) => {
      const created = await withApp(commandConfig(cli, options), cli.logger, ({ services }) =>
        services.tokens.create({
          label: options.label,
          ...(options.user === undefined ? {} : { user: options.user }),
          ...(options.project.length > 0 ? { projects: options.project } : {}),
          ...(options.readOnly ? { read_only: true } : {}),
        }),
      );
      if (!created.ok) throw new UserFacingError(created.error.message);
      const { token: secret, id, user, label, projects, read_only: readOnly } = created.value;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ token: secret, id, user, label, projects, read_only: readOnly })}\n`);
      } else {
        process.stdout.write(
          `Created token ${id} for ${JSON.stringify(label)} (user ${user}; ${describeScope(created.value)}). It is shown only this once:\n${secret}\n`,
        );
      }
    });

  withDatabaseOptions(token.command('list'))
    .description('list tokens (never their secrets)')
    .option('--json', 'print the list as JSON')
    .action(async (options: DatabaseOptions & { json?: boolean }) => {
      const tokens = await withApp(commandConfig(cli, options), cli.logger, ({ services }) => services.tokens.list());
      if (options.json) process.stdout.write(`${JSON.stringify(tokens)}\n`);
      else process.stdout.write(tokens.length ? `${tokens.map(describeToken).join('\n')}\n` : 'No tokens yet.\n');
    });

  withDatabaseOptions(token.command('revoke'))
    .description('revoke a token; requests using it are refused from now on')
    .argument('<id>', 'the token id, as token list shows it')
    .action(async (id: string, options: DatabaseOptions) => {
      const revoked = await withApp(commandConfig(cli, options), cli.logger, ({ services }) =>
        services.tokens.revoke(id),
      );
      if (!revoked.ok) throw new UserFacingError(revoked.error.message);
      process.stdout.write(`Revoked token ${revoked.value.id} (${JSON.stringify(revoked.value.label)}).\n`);
    });
}
