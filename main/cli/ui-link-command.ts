import type { Command } from 'commander';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import { createUiSessionRepository } from '../db/ui-session-repository';
import { digest, newSecret } from '../http/ui/ui-sessions';
import { commandConfig, withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';
import { parsePort } from './options';
import { SERVE_PORT_HELP, serverAnswers } from './running-server';
import { withApp } from '../app/create-app';

// A link printed to a terminal is for now, not for later.
const UI_LINK_TTL_MS = 15 * 60 * 1000;

export function registerUiLinkCommand(program: Command, cli: CliContext): void {
  withDatabaseOptions(program.command('ui-link'))
    .description('print a fresh one-time sign-in link for the running server, without restarting it')
    .option('--port <number>', SERVE_PORT_HELP, parsePort)
    .option('--json', 'print {"uiUrl"} as JSON')
    .action(async (options: DatabaseOptions & { port?: number; json?: boolean }) => {
      const config = commandConfig(cli, options);
      const base = `http://127.0.0.1:${config.port}`;
      const code = newSecret();
      await withApp(config, cli.logger, async ({ handle }) => {
        const now = Date.now();
        await createUiSessionRepository(handle).insert({
          id: digest(code),
          kind: 'login',
          userId: LOCAL_USER_ID,
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(now + UI_LINK_TTL_MS).toISOString(),
        });
      });
      const uiUrl = `${base}/#${LOGIN_FRAGMENT_KEY}=${code}`;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ uiUrl })}\n`);
        return;
      }
      const running = await serverAnswers(base);
      process.stdout.write(
        `Open this link to sign in (it works once, for 15 minutes): ${uiUrl}\n` +
          (running ? '' : `No TaskDesk server answers at ${base} yet: start it with taskdesk serve (same database).\n`),
      );
    });
}
