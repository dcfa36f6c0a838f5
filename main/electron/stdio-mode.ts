import net from 'node:net';
import { app } from 'electron';
import type { StdioCommand } from '../../shared/api';
import { LOCAL_USER_ID } from '../../shared/limits';
import { serveOverStdio } from '../app/serve-over-stdio';
import { resolveAppConfig, type ResourceFolders } from '../config/app-config';
import type { DatabaseLocation } from '../config/database-location';
import type { Environment } from '../config/environment';
import type { Logger } from '../logging/logger';

/**
 * Claude Desktop starts only local processes. The installed app cannot be run
 * as Node (its RunAsNode fuse is off), so it serves the tools over stdio
 * itself when started with this flag: no window, no tray, no single-instance
 * lock, against the database the flag names, until the client closes the pipe.
 */
export const STDIO_FLAG = '--stdio';

export const stdioModeRequested = (argv: readonly string[]) => argv.includes(STDIO_FLAG);

/** The command Claude Desktop's config runs for this app on this database. */
export function desktopStdioCommand(location: DatabaseLocation, command: string): StdioCommand {
  // From source, Electron needs the app's folder before the app's own arguments.
  const prefix = app.isPackaged ? [] : [app.getAppPath()];
  return location.kind === 'sqlite'
    ? { command, args: [...prefix, STDIO_FLAG, '--db', location.path] }
    : { command, args: [...prefix, STDIO_FLAG], env: { TASKDESK_DB: location.url } };
}

/**
 * Must be awaited at the top level of the main module: Electron then stays in
 * its start-up phase, where Node's loop runs but no window system starts, and
 * app.exit() ends the process directly.
 */
export async function runStdioMode(
  argv: readonly string[],
  logger: Logger,
  environment: Environment,
  resources: ResourceFolders,
): Promise<void> {
  app.dock?.hide();
  const dbFlag = argv.indexOf('--db');
  // Without --db, TASKDESK_DB (the environment) or the app's own database.
  const db = dbFlag === -1 ? undefined : argv[dbFlag + 1];
  const config = resolveAppConfig({ db, dataDir: app.getPath('userData') }, environment, resources);
  // On Windows, Electron replaces process.stdin with a stream that has already
  // ended (it assumes a GUI app has no console); the pipe the client gave us is
  // still file descriptor 0.
  const input = process.platform === 'win32' ? new net.Socket({ fd: 0, readable: true, writable: false }) : undefined;
  await serveOverStdio(config, LOCAL_USER_ID, logger, input);
}
