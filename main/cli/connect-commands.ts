import { InvalidArgumentError, type Command } from 'commander';
import { ensureDataDir, resolveAppConfig, type AppConfig } from '../config/app-config';
import { claudeDesktopCommand } from '../connect/claude-desktop-command';
import { createClientConnections, type ClientConnections, type Diagnosis } from '../connect/client-connections';
import { clientEnvironment } from '../connect/client-environment';
import { CLIENT_TARGET_IDS, clientTarget, type ClientTarget } from '../connect/client-targets';
import { runDoctor } from '../connect/doctor';
import { requireExistingDatabase } from '../connect/existing-database';
import { maskSecrets } from '../connect/secret-mask';
import { UserFacingError } from '../errors';
import { withDatabaseOptions, type CliContext, type DatabaseOptions } from './database-options';
import { collect, parsePort } from './options';
import { recordedServerUrl, SERVE_PORT_HELP, serverAnswers } from './running-server';
import { withApp } from '../app/create-app';

interface ConnectOptions extends DatabaseOptions {
  port?: number;
  dryRun?: boolean;
  project?: string[];
  readOnly?: boolean;
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

/** The running server's MCP URL: --port's, else the one `serve` recorded for this database, else TASKDESK_PORT's or the default's. */
async function locateServer(options: ConnectOptions, config: AppConfig) {
  const recorded = options.port === undefined ? recordedServerUrl(config) : undefined;
  const mcpUrl = recorded ?? `http://127.0.0.1:${config.port}/mcp`;
  return { mcpUrl, running: await serverAnswers(mcpUrl) };
}

/**
 * Runs `run` with the connections of this machine's clients, pointed at the
 * running server and the configured database. With `existingOnly` (doctor,
 * dry runs) a database that is not there yet is an error, never created.
 */
async function withConnections<T>(
  options: ConnectOptions & { existingOnly: boolean },
  cli: CliContext,
  run: (connections: ClientConnections, server: { mcpUrl: string; running: boolean }) => Promise<T>,
): Promise<T> {
  // Checked before anything is created: doctor and dry runs must leave no new data directory behind.
  const config = resolveAppConfig(options, cli.environment);
  const location = config.database;
  if (options.existingOnly) await requireExistingDatabase(location);
  const server = await locateServer(options, config);
  const env = clientEnvironment(config.clientFolders);
  ensureDataDir(config);
  return withApp(config, cli.logger, ({ services }) =>
    run(
      createClientConnections({
        env,
        tokens: services.tokens,
        mcpUrl: server.mcpUrl,
        serverRunning: server.running,
        stdio: claudeDesktopCommand(location, { env }),
        location,
      }),
      server,
    ),
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
  const notes = diagnosis.notes.map((note) => `\n${' '.repeat(24)}note: ${note}`).join('');
  switch (diagnosis.verdict) {
    case 'not_installed':
      return `${head}not installed`;
    case 'not_configured':
      return `${head}not connected (taskdesk connect ${diagnosis.client})${notes}`;
    case 'ok': {
      const seen = diagnosis.lastSeen ? `last seen ${diagnosis.lastSeen}` : 'not seen yet';
      return `${head}connected, ${diagnosis.tokenId ? `token ${diagnosis.tokenId}, ${seen}` : 'over stdio'} (${diagnosis.file})${notes}`;
    }
    case 'problem':
      return `${head}${diagnosis.problems.join('; ')} (${diagnosis.file})${notes}`;
  }
}

export function registerConnectCommands(program: Command, cli: CliContext): void {
  withConnectOptions(program.command('connect'))
    .description("add TaskDesk to a client's own configuration (merged, with a backup; the client gets its own token)")
    .argument('<client>', CLIENT_TARGET_IDS.join(', '), parseClient)
    .option('--dry-run', 'print the change as a diff and write nothing')
    .option('--project <name>', "limit the client's token to this project (repeatable; created if new)", collect, [])
    .option('--read-only', "make the client's token read-only")
    .action(async (target: ClientTarget, options: ConnectOptions) => {
      const dryRun = options.dryRun === true;
      const scope = {
        ...(options.project?.length ? { projects: options.project } : {}),
        ...(options.readOnly ? { read_only: true } : {}),
      };
      if (Object.keys(scope).length > 0 && target.transport !== 'http') {
        throw new UserFacingError(
          `${target.name} connects over stdio, without a token, so --project and --read-only cannot limit it`,
        );
      }
      const outcome = await withConnections({ ...options, existingOnly: dryRun }, cli, (connections) =>
        connections.connect(target, { dryRun, scope }),
      );
      if (dryRun) {
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
      const revoked = outcome.revokedTokenIds.length
        ? ` Revoked the token it replaces: ${outcome.revokedTokenIds.join(', ')}.`
        : '';
      process.stdout.write(
        `Connected ${target.name}${token}: wrote ${outcome.file}${backup}. Restart ${target.name} to load it.${revoked}\n`,
      );
    });

  withConnectOptions(program.command('disconnect'))
    .description("remove TaskDesk from a client's configuration (with a backup) and revoke the client's token")
    .argument('<client>', CLIENT_TARGET_IDS.join(', '), parseClient)
    .action(async (target: ClientTarget, options: ConnectOptions) => {
      const outcome = await withConnections({ ...options, existingOnly: false }, cli, (connections) =>
        connections.disconnect(target),
      );
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
      const { report, server } = await withConnections(
        { ...options, existingOnly: true },
        cli,
        async (connections, found) => ({
          report: await runDoctor(connections, { fix: options.fix === true, serverRunning: found.running, ...found }),
          server: found,
        }),
      );
      const notFixed = report.notFixed.map(({ name, reason }) => ({ name, reason: maskSecrets(reason) }));
      if (options.json) {
        const { mcpUrl, running } = server;
        const json = { mcp_url: mcpUrl, server_running: running, clients: report.diagnoses, fixed: report.fixed };
        process.stdout.write(`${JSON.stringify({ ...json, not_fixed: notFixed })}\n`);
      } else {
        process.stdout.write(
          `TaskDesk ${server.running ? 'answers' : 'is not running'} at ${server.mcpUrl}${server.running ? '' : ' (start it with taskdesk serve)'}\n`,
        );
        for (const diagnosis of report.diagnoses) process.stdout.write(`${describeDiagnosis(diagnosis)}\n`);
        if (report.fixed.length) {
          process.stdout.write(`Fixed: ${report.fixed.join(', ')}. Restart them to load the change.\n`);
        }
        for (const { name, reason } of notFixed) process.stdout.write(`Not fixed: ${name}: ${reason}\n`);
      }
      if (report.diagnoses.some((diagnosis) => diagnosis.verdict === 'problem')) process.exitCode = 1;
    });
}
