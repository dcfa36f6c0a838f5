import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORT } from '../app/start-server';
import { describeLocation, type DatabaseLocation } from '../config/database-location';
import { resolveDataDir } from '../config/data-dir';
import { numberFromEnvironment, parsePort } from './options';

/** The help text of --port for commands that talk to a running `taskdesk serve`. */
export const SERVE_PORT_HELP = `the port taskdesk serve listens on (env TASKDESK_PORT; default ${DEFAULT_PORT})`;

/** Where `taskdesk serve` listens, as --port, TASKDESK_PORT or the default say. */
export function servePort(option: number | undefined): number {
  return option ?? numberFromEnvironment('TASKDESK_PORT', parsePort, 'a whole number from 0 to 65535') ?? DEFAULT_PORT;
}

/** Whether a TaskDesk server answers /healthz at `base` (an origin, or any URL on it) within a moment. */
export async function serverAnswers(base: string): Promise<boolean> {
  try {
    return (await fetch(new URL('/healthz', base), { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

/**
 * `serve` notes where it listens in the data directory, so that connect and
 * doctor check the server that really runs (it may have been started with
 * --port 0, or another port than theirs) rather than an assumed port.
 */
const RECORD_FILE = 'server.json';

interface ServerRecord {
  pid: number;
  mcp_url: string;
  /** As describeLocation writes it: never a password. */
  database: string;
}

/**
 * Writes the record once `serve` listens, and removes it when the process
 * ends by itself or on a signal it handles; a record a killed process left
 * behind names a pid that is gone, and readers ignore it.
 */
export function recordRunningServer(
  dataDirOption: string | undefined,
  running: { mcpUrl: string },
  location: DatabaseLocation,
): void {
  const dataDir = resolveDataDir(dataDirOption);
  const file = path.join(dataDir, RECORD_FILE);
  // A serve whose --db lies elsewhere does not create a data directory just for this.
  if (!fs.existsSync(dataDir)) return;
  const record: ServerRecord = { pid: process.pid, mcp_url: running.mcpUrl, database: describeLocation(location) };
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  process.once('exit', () => {
    // Another serve on this data directory may have written its own since: leave that one.
    if (readRecord(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  });
}

function readRecord(file: string): ServerRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ServerRecord>;
    const valid =
      Number.isInteger(record.pid) && typeof record.mcp_url === 'string' && typeof record.database === 'string';
    return valid ? (record as ServerRecord) : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The MCP URL of the `serve` this data directory records for `location`, if its process still runs. */
export function recordedServerUrl(dataDirOption: string | undefined, location: DatabaseLocation): string | undefined {
  const record = readRecord(path.join(resolveDataDir(dataDirOption), RECORD_FILE));
  if (!record || record.database !== describeLocation(location) || !processAlive(record.pid)) return undefined;
  return record.mcp_url;
}
