import { InvalidArgumentError, type Command } from 'commander';
import { stdioCommandFor } from '../app/ui-edge';
import { createClientConnections, type Diagnosis } from '../connect/client-connections';
import { clientEnvironment } from '../connect/client-environment';
import { CLIENT_TARGET_IDS, clientTarget, type ClientTarget } from '../connect/client-targets';
import { UserFacingError } from '../errors';
import type { Logger } from '../logging/logger';
import { resolveDatabase, withDatabaseOptions, type DatabaseOptions } from './database-options';
import { parsePort } from './options';
import { SERVE_PORT_HELP, serverAnswers, servePort } from './running-server';
import { withServices } from './with-services';

interface ConnectOptions extends DatabaseOptions {
  port?: number;
  dryRun?: boolean;
  fix?: boolean;
  json?: boolean;
}

function parseClient(value: string): ClientTarget {
  const target = clientTarget(value.toLowerCase());
  if (!target) throw new InvalidArgumentError(`must be one of ${CLIENT_TARGET_IDS.join(', ')}`);
  return target;
}

function withConnectOptions(command: Command): Command {
  return withDatabaseOptions(command).option('--port <number>', SERVE_PORT_HELP, parsePort);
}

/** Runs `run` with the connections of this machine's clients, pointed at the configured server and database. */
function withConnections<T>(
  options: ConnectOptions,
  logger: Logger,
  run: (connections: ReturnType<typeof createClientConnections>, mcpUrl: string) => Promise<T>,
): Promise<T> {
  const port = servePort(options.port);
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  const stdio = stdioCommandFor(resolveDatabase(options));
  return withServices(options, logger, (services) =>
    run(createClientConnections({ env: clientEnvironment(), tokens: services.tokens, mcpUrl, stdio }), mcpUrl),
  );
}

const MARKS: Record<Diagnosis['verdict'], string> = {
  ok: 'ok',
  problem: 'PROBLEM',
  not_configured: '-',
  not_installed: '-',
};

function describeDiagnosis(diagnosis: Diagnosis): string {
  const head = `${MARKS[diagnosis.verdict].padEnd(8)}${diagnosis.name.padEnd(16)}`;
  switch (diagnosis.verdict) {
    case 'not_installed':
      return `${head}not installed`;
    case 'not_configured':
      return `${head}not connected (taskdesk connect ${diagnosis.client})`;
    case 'ok': {
      const seen = diagnosis.lastSeen ? `last seen ${diagnosis.lastSeen}` : 'not seen yet';
      return `${head}connected, ${diagnosis.tokenId ? `token ${diagnosis.tokenId}, ${seen}` : 'over stdio'} (${diagnosis.file})`;
    }
    case 'problem':
      return `${head}${diagnosis.problems.join('; ')} (${diagnosis.file})`;
  }
}

export function registerConnectCommands(program: Command, logger: Logger): void {
  withConnectOptions(program.command('connect'))
    .description("add TaskDesk to a client's own configuration (merged, with a backup; the client gets its own token)")
    .argument('<client>', CLIENT_TARGET_IDS.join(', '), parseClient)
    .option('--dry-run', 'print the change as a diff and write nothing')
    .action(async (target: ClientTarget, options: ConnectOptions) => {
      const outcome = await withConnections(options, logger, (connections) =>
        connections.connect(target, { dryRun: options.dryRun === true }),
      );
      if (options.dryRun) {
        process.stdout.write(
          outcome.changed
            ? `${outcome.diff}Dry run: nothing was written.\n`
            : `${target.name} is already connected; nothing would change.\n`,
        );
        return;
      }
      if (!outcome.changed) {
        process.stdout.write(`${target.name} is already connected (${outcome.file} unchanged).\n`);
        return;
      }
      const token = outcome.tokenId ? ` with ${outcome.tokenCreated ? 'a new' : 'its'} token ${outcome.tokenId}` : '';
      const backup = outcome.backup ? ` (backup: ${outcome.backup})` : '';
      process.stdout.write(
        `Connected ${target.name}${token}: wrote ${outcome.file}${backup}. Restart ${target.name} to load it.\n`,
      );
    });

  withConnectOptions(program.command('disconnect'))
    .description("remove TaskDesk from a client's configuration (with a backup) and revoke the client's token")
    .argument('<client>', CLIENT_TARGET_IDS.join(', '), parseClient)
    .action(async (target: ClientTarget, options: ConnectOptions) => {
      const outcome = await withConnections(options, logger, (connections) => connections.disconnect(target));
      if (!outcome.removed) {
        process.stdout.write(`${target.name} has no TaskDesk entry in ${outcome.file}; nothing to do.\n`);
        return;
      }
      const revoked = outcome.revokedTokenId ? ` and revoked token ${outcome.revokedTokenId}` : '';
      process.stdout.write(`Removed TaskDesk from ${outcome.file}${revoked} (backup: ${outcome.backup ?? 'none'}).\n`);
    });

  withConnectOptions(program.command('doctor'))
    .description('check every client on this machine: is TaskDesk configured, at the right address, with a valid token')
    .option('--fix', 'repair what is wrong, the same way connect writes (merged, with a backup)')
    .option('--json', 'print the findings as JSON')
    .action(async (options: ConnectOptions) => {
      const { diagnoses, fixed, running, mcpUrl } = await withConnections(options, logger, async (connections, url) => {
        const fixedNames: string[] = [];
        const found: Diagnosis[] = [];
        for (const id of CLIENT_TARGET_IDS) {
          const target = clientTarget(id) as ClientTarget;
          let diagnosis = await connections.diagnose(target);
          if (options.fix && diagnosis.verdict === 'problem') {
            try {
              await connections.connect(target);
              fixedNames.push(target.name);
            } catch (error) {
              if (!(error instanceof UserFacingError)) throw error;
            }
            diagnosis = await connections.diagnose(target);
          }
          found.push(diagnosis);
        }
        return { diagnoses: found, fixed: fixedNames, running: await serverAnswers(url), mcpUrl: url };
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ mcp_url: mcpUrl, server_running: running, clients: diagnoses })}\n`);
      } else {
        process.stdout.write(
          `TaskDesk ${running ? 'answers' : 'is not running'} at ${mcpUrl}${running ? '' : ' (start it with taskdesk serve)'}\n`,
        );
        for (const diagnosis of diagnoses) process.stdout.write(`${describeDiagnosis(diagnosis)}\n`);
        if (fixed.length) process.stdout.write(`Fixed: ${fixed.join(', ')}. Restart them to load the change.\n`);
      }
      if (diagnoses.some((diagnosis) => diagnosis.verdict === 'problem')) process.exitCode = 1;
    });
}
