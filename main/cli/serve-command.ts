import type { Command } from 'commander';
import { startServer, type RunningServer } from '../app/start-server';
import { DEFAULT_HOST, DEFAULT_PORT } from '../config/network';
import { DEFAULT_RETENTION } from '../tool-log/tool-call-log';
import { commandConfig, withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';
import { collectHostName, parsePort, parseRetention } from './options';
import { recordRunningServer } from './running-server';

interface ServeOptions extends DatabaseOptions {
  host: string;
  port?: number;
  logRetention?: number;
  allowedHost: string[];
  json?: boolean;
}

// Past this, a shutdown that is still waiting on something gives up.
const SHUTDOWN_DEADLINE_MS = 8000;

function announce(running: RunningServer, json: boolean | undefined): void {
  if (json) {
    const ready = { mcpUrl: running.mcpUrl, uiUrl: running.uiUrl, port: running.port, database: running.database };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    return;
  }
  process.stdout.write(
    `TaskDesk is serving MCP at ${running.mcpUrl} (${running.database}).\n` +
      `Open the UI with this link (it signs in one browser, once; taskdesk ui-link prints another): ${running.uiUrl}\n` +
      `Give each agent its own token there (Connection), or set a client up with: npx taskdesk connect claude-code\n` +
      'Press Ctrl+C to stop.\n',
  );
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143 };

/** Resolves on the first SIGINT or SIGTERM; any second signal ends the process at once. */
function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: (typeof SIGNALS)[number]) => {
      for (const each of SIGNALS) {
        process.off(each, stop);
        process.once(each, () => process.exit(EXIT_CODES[each]));
      }
      resolve(signal);
    };
    for (const signal of SIGNALS) process.on(signal, stop);
  });
}

export function registerServeCommand(program: Command, cli: CliContext): void {
  const { logger } = cli;
  withDatabaseOptions(program.command('serve'))
    .description('run the MCP server (headless) until stopped')
    .option('--host <address>', 'address to listen on; keep loopback unless you mean to expose it', DEFAULT_HOST)
    .option(
      '--port <number>',
      `port to listen on (env TASKDESK_PORT; default ${DEFAULT_PORT}; 0 picks a free one)`,
      parsePort,
    )
    .option(
      '--allowed-host <name>',
      'also accept requests addressed to this host name (repeatable)',
      collectHostName,
      [],
    )
    .option(
      '--log-retention <calls>',
      `tool calls kept in the log per user (env TASKDESK_LOG_RETENTION; default ${DEFAULT_RETENTION})`,
      parseRetention,
    )
    .option('--json', 'print one JSON line with the URLs once ready (logs stay on stderr)')
    .action(async (options: ServeOptions) => {
      // Listening for signals before anything starts means a stop requested at any moment, even
      // during start-up or right after the ready line, is a clean stop and never the default kill.
      const stopped = untilStopped();
      const config = commandConfig(cli, { ...options, allowedHosts: options.allowedHost });
      const running = await startServer({ config, logger });
      recordRunningServer(config, running);
      announce(running, options.json);
      const signal = await stopped;
      logger.info({ signal }, 'stopping: finishing requests in flight');
      setTimeout(() => {
        logger.error('shutdown took too long; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      await running.close();
      logger.info('stopped');
    });
}
