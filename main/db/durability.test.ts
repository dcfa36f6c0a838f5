import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_USER_ID } from '../../shared/limits';
import type { DatabaseLocation } from '../config/database-location';
import { postgresTarget, sqliteTarget, type DatabaseTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { createLogger } from '../logging/logger';
import { createTaskService } from '../tasks/task-service';
import { openDatabase } from './open-database';
import { createTaskRepository } from './task-repository';

const WRITER = fileURLToPath(new URL('../testing/crash-writer.ts', import.meta.url));
const ACKNOWLEDGED_BEFORE_KILL = 300;

/** Runs the writer until it has acknowledged enough tasks, then SIGKILLs it mid-stream. */
async function acknowledgeThenKill(location: DatabaseLocation): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(location)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const acknowledged: string[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    acknowledged.push(line);
    if (acknowledged.length === ACKNOWLEDGED_BEFORE_KILL) child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

/**
 * What this proves is that an acknowledged task was committed, not buffered
 * in the process: a killed process loses nothing it acknowledged. Surviving
 * a power cut (synchronous = FULL on SQLite) cannot be simulated here.
 */
function describeDurability(target: DatabaseTarget): void {
  it('keeps every acknowledged task after the server process is killed', async () => {
    const { location, cleanup } = await target.createLocation();
    try {
      const acknowledged = await acknowledgeThenKill(location);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

      const handle = await openDatabase(location, createLogger('silent'));
      try {
        const service = createTaskService({ tasks: createTaskRepository(handle) });
        const missing: string[] = [];
        for (const id of acknowledged) {
          if (!(await service.get(LOCAL_USER_ID, { task_id: id })).ok) missing.push(id);
        }
        expect(missing).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      await cleanup();
    }
  });
}

describe('durability on SQLite', () => describeDurability(sqliteTarget));
describePostgres('durability on Postgres', () => {
  describeDurability(postgresTarget);
});
