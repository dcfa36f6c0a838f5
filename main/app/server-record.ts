import fs from 'node:fs';
import path from 'node:path';
import { describeLocation, type DatabaseLocation } from '../config/database-location';

/**
 * A running server (`taskdesk serve` or the desktop app) notes where it
 * listens in its data directory, so that connect and doctor check the server
 * that really runs (started with --port 0, or on another port than theirs)
 * rather than an assumed port. One record per directory.
 */
export const SERVER_RECORD_FILE = 'server.json';

interface ServerRecord {
  pid: number;
  mcp_url: string;
  /** As describeLocation writes it: never a password. */
  database: string;
}

export interface WrittenServerRecord {
  /** Removes the record if it is still this one: another server may have noted itself since. */
  remove: () => void;
}

/**
 * Writes the record atomically (temporary file and rename), readable by this
 * user only. A directory that does not exist is not created just for this:
 * nothing is written, and removing is a no-op.
 */
export function writeServerRecord(dataDir: string, mcpUrl: string, location: DatabaseLocation): WrittenServerRecord {
  const file = path.join(dataDir, SERVER_RECORD_FILE);
  if (!fs.existsSync(dataDir)) return { remove: () => undefined };
  const record: ServerRecord = { pid: process.pid, mcp_url: mcpUrl, database: describeLocation(location) };
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return {
    remove: () => {
      const now = readRecord(file);
      if (now?.pid === record.pid && now.mcp_url === record.mcp_url) fs.rmSync(file, { force: true });
    },
  };
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

/**
 * The MCP URL `dataDir` records for a server on `location`, if that server's
 * process still runs; a record a killed process left behind names a pid that
 * is gone, and is ignored.
 */
export function readServerUrl(dataDir: string, location: DatabaseLocation): string | undefined {
  const record = readRecord(path.join(dataDir, SERVER_RECORD_FILE));
  if (!record || record.database !== describeLocation(location) || !processAlive(record.pid)) return undefined;
  return record.mcp_url;
}
