/**
 * The launcher inside the Claude Desktop bundle: finds the installed TaskDesk
 * app and runs it in stdio mode on this process's own pipes, so Claude
 * Desktop speaks MCP with the app directly. Bundled on its own (no
 * dependencies) because Claude Desktop runs it with its built-in Node.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { installedAppCandidates } from './installed-app';

const chosen = process.env.TASKDESK_APP?.trim();
const candidates = chosen ? [chosen] : installedAppCandidates(process.platform, os.homedir(), process.env.LOCALAPPDATA);
const app = candidates.find((candidate) => fs.existsSync(candidate));
if (!app) {
  process.stderr.write(
    `TaskDesk: the TaskDesk app was not found (looked at ${candidates.join(', ')}). Install it, or set its path in this extension's settings.\n`,
  );
  process.exit(1);
}

// The database travels in the environment only: a Postgres URL holds a password, and arguments show in `ps`.
const database = process.env.TASKDESK_DB?.trim();
const env = { ...process.env };
if (database) env.TASKDESK_DB = database;
else delete env.TASKDESK_DB;
const child = spawn(app, ['--stdio'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`TaskDesk: could not start ${app}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
