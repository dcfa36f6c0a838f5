import { readServerUrl, writeServerRecord } from '../app/server-record';
import { DEFAULT_PORT } from '../app/start-server';
import type { DatabaseLocation } from '../config/database-location';
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
 * Writes this data directory's server record once `serve` listens
 * (app/server-record.ts), and removes it when the process ends by itself or
 * on a signal it handles.
 */
export function recordRunningServer(
  dataDirOption: string | undefined,
  running: { mcpUrl: string },
  location: DatabaseLocation,
): void {
  const written = writeServerRecord(resolveDataDir(dataDirOption), running.mcpUrl, location);
  process.once('exit', written.remove);
}

/** The MCP URL of the server this data directory records for `location`, if its process still runs. */
export function recordedServerUrl(dataDirOption: string | undefined, location: DatabaseLocation): string | undefined {
  return readServerUrl(resolveDataDir(dataDirOption), location);
}
