import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseLocation } from '../config/database-location';
import { useTempDirs } from '../testing/temp-dir';
import { readServerUrl, SERVER_RECORD_FILE, writeServerRecord } from './server-record';

const URL_A = 'http://127.0.0.1:7410/mcp';
const URL_B = 'http://127.0.0.1:7411/mcp';

describe('the running server record (server.json)', () => {
  const tempDir = useTempDirs();
  const sqliteIn = (dir: string): DatabaseLocation => ({ kind: 'sqlite', path: path.join(dir, 'taskdesk.db') });

  it('is read back for the database it names, and only for that one', () => {
    const dir = tempDir();
    writeServerRecord(dir, URL_A, sqliteIn(dir));
    expect(readServerUrl(dir, sqliteIn(dir))).toBe(URL_A);
    expect(readServerUrl(dir, { kind: 'sqlite', path: path.join(dir, 'other.db') })).toBeUndefined();
    expect(fs.statSync(path.join(dir, SERVER_RECORD_FILE)).mode & 0o077).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([SERVER_RECORD_FILE]);
  });

  it('names no password of a Postgres URL', () => {
    const dir = tempDir();
    const location: DatabaseLocation = { kind: 'postgres', url: 'postgres://me:hunter2@127.0.0.1:5432/tasks' };
    writeServerRecord(dir, URL_A, location);
    expect(fs.readFileSync(path.join(dir, SERVER_RECORD_FILE), 'utf8')).not.toContain('hunter2');
    expect(readServerUrl(dir, location)).toBe(URL_A);
  });

  it('is removed by the server that wrote it, but not once another server has noted itself since', () => {
    const dir = tempDir();
    const first = writeServerRecord(dir, URL_A, sqliteIn(dir));
    first.remove();
    expect(fs.existsSync(path.join(dir, SERVER_RECORD_FILE))).toBe(false);

    const old = writeServerRecord(dir, URL_A, sqliteIn(dir));
    writeServerRecord(dir, URL_B, sqliteIn(dir));
    old.remove();
    expect(readServerUrl(dir, sqliteIn(dir))).toBe(URL_B);
  });

  it('is not believed once the process that wrote it is gone', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const record = { pid: gone, mcp_url: URL_A, database: path.join(dir, 'taskdesk.db') };
    fs.writeFileSync(path.join(dir, SERVER_RECORD_FILE), JSON.stringify(record));
    expect(readServerUrl(dir, sqliteIn(dir))).toBeUndefined();
  });

  it('creates no data directory just to hold the record', () => {
    const dir = path.join(tempDir(), 'not-there');
    writeServerRecord(dir, URL_A, sqliteIn(dir)).remove();
    expect(fs.existsSync(dir)).toBe(false);
  });
});
