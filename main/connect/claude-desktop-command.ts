import fs from 'node:fs';
import path from 'node:path';
import type { StdioCommand } from '../../shared/api';
import { VERSION } from '../app/version';
import type { DatabaseLocation } from '../config/database-location';
import { besideModule } from '../module-path';
import type { ClientEnvironment } from './client-targets';
import { installedAppCandidates } from './installed-app';

// bin/taskdesk.js sits two folders above both this file and the CLI bundle.
const BIN = besideModule('../../bin/taskdesk.js', import.meta.url);

/** The flag that starts the desktop app in stdio mode (main/electron/stdio-mode.ts). */
export const APP_STDIO_FLAG = '--stdio';

/** The database as arguments, or, for a Postgres URL (which holds a password, and arguments show in `ps`), as env. */
function withDatabase(command: string, args: string[], location: DatabaseLocation): StdioCommand {
  return location.kind === 'sqlite'
    ? { command, args: [...args, '--db', location.path] }
    : { command, args, env: { TASKDESK_DB: location.url } };
}

/** Whether a path lies in npx's cache, which `npm cache clean` or a newer npx may empty at any time. */
export const inNpxCache = (file: string) => file.split(/[\\/]/).includes('_npx');

export interface CommandSources {
  env: ClientEnvironment;
  /** This CLI's own bin/taskdesk.js. */
  bin?: string;
  /** The Node running it; npx is looked for beside it. */
  node?: string;
}

/**
 * How `taskdesk connect claude-desktop` has Claude Desktop start TaskDesk,
 * the most lasting choice first:
 * 1. the installed desktop app (`--stdio`), which updates itself and is what
 *    the app's own Repair button writes, so the two never flip the entry;
 * 2. this CLI's bin/taskdesk.js under its Node, when it is a checkout or a
 *    global install;
 * 3. run through npx, the CLI itself lives in npx's cache, which can be
 *    emptied at any time: then the same version through npx by its full
 *    path, which fetches it again if it has to.
 */
export function claudeDesktopCommand(location: DatabaseLocation, sources: CommandSources): StdioCommand {
  const { env, bin = BIN, node = process.execPath } = sources;
  const apps = env.taskdeskApp ? [env.taskdeskApp] : installedAppCandidates(env.platform, env.home);
  const app = apps.find((candidate) => fs.existsSync(candidate));
  if (app) return withDatabase(app, [APP_STDIO_FLAG], location);
  if (!inNpxCache(bin)) return withDatabase(node, [bin, 'stdio'], location);
  const npx = path.join(path.dirname(node), env.platform === 'win32' ? 'npx.cmd' : 'npx');
  return withDatabase(fs.existsSync(npx) ? npx : 'npx', ['-y', `taskdesk@${VERSION}`, 'stdio'], location);
}
