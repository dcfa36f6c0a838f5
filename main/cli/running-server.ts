import { readServerUrl, writeServerRecord } from '../app/server-record';
import type { AppConfig } from '../config/app-config';
import { DEFAULT_PORT } from '../config/network';

/** The help text of --port for commands that talk to a running `taskdesk serve`. */
export const SERVE_PORT_HELP = `the port taskdesk serve listens on (env TASKDESK_PORT; default ${DEFAULT_PORT})`;

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
export function recordRunningServer(config: AppConfig, running: { mcpUrl: string }): void {
  const written = writeServerRecord(config.dataDir, running.mcpUrl, config.database);
  process.once('exit', written.remove);
}

/** The MCP URL of the server this data directory records for the configured database, if its process still runs. */
export function recordedServerUrl(config: AppConfig): string | undefined {
  return readServerUrl(config.dataDir, config.database);
}
