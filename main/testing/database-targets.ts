import path from 'node:path';
import type { DatabaseLocation } from '../config/database-location';
import type { DatabaseHandle, DatabaseKind } from '../db/database';
import { openDatabase } from '../db/open-database';
import { createLogger } from '../logging/logger';
import { createTestDatabase } from './postgres';
import { makeTempDir } from './temp-dir';

export interface TestDatabase {
  location: DatabaseLocation;
  handle: DatabaseHandle;
  cleanup: () => Promise<void>;
}

/** A place to put a fresh database of one dialect, as a contract suite sees it. */
export interface DatabaseTarget {
  kind: DatabaseKind;
  /** A fresh empty location (a new file, or a new Postgres database). */
  createLocation: () => Promise<{ location: DatabaseLocation; cleanup: () => Promise<void> }>;
}

export const sqliteTarget: DatabaseTarget = {
  kind: 'sqlite',
  createLocation: () => {
    const temp = makeTempDir();
    return Promise.resolve({
      location: { kind: 'sqlite', path: path.join(temp.dir, 'taskdesk.db') },
      cleanup: () => {
        temp.remove();
        return Promise.resolve();
      },
    });
  },
};

export const postgresTarget: DatabaseTarget = {
  kind: 'postgres',
  createLocation: async () => {
    const database = await createTestDatabase();
    return { location: { kind: 'postgres', url: database.url }, cleanup: database.drop };
  },
};

/** A fresh, migrated database of the target's dialect. */
export async function openTestDatabase(target: DatabaseTarget): Promise<TestDatabase> {
  const { location, cleanup } = await target.createLocation();
  const handle = await openDatabase(location, createLogger('silent'));
  return {
    location,
    handle,
    cleanup: async () => {
      await handle.close();
      await cleanup();
    },
  };
}
