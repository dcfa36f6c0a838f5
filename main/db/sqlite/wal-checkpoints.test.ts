import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger';
import { makeTempDir } from '../../testing/temp-dir';
import { openSqlite, type SqliteHandle } from './open-sqlite';
import { nextCheckpointDelay, walGrowth, type CheckpointResult } from './wal-checkpoints';

/** Runs `test` on a fresh SQLite file holding an empty `scratch` table, then removes the file. */
async function withScratchDatabase(test: (handle: SqliteHandle, file: string) => Promise<void> | void): Promise<void> {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'taskdesk.db');
  const handle = openSqlite(file);
  try {
    handle.connection.exec('create table scratch (filler blob)');
    await test(handle, file);
  } finally {
    await handle.close();
    temp.remove();
  }
}

describe('timed WAL checkpoints', () => {
  it('come every quarter second under heavy writing and less often, down to every two seconds, under light', () => {
    // add_task under load: some 10,000 frames a second.
    expect(nextCheckpointDelay(2500, 250)).toBe(250);
    expect(nextCheckpointDelay(20_000, 250)).toBe(250);
    // 2,500 frames a second: one checkpoint of about 2,500 frames a second.
    expect(nextCheckpointDelay(625, 250)).toBe(1000);
    // Only the tool-call log of a read-heavy load: some 400 frames a second.
    expect(nextCheckpointDelay(100, 250)).toBe(2000);
    expect(nextCheckpointDelay(0, 2000)).toBe(2000);
  });

  it('keep the WAL from growing while automatic checkpoints are off, and stop, handing them back, when told', () =>
    withScratchDatabase(async (handle) => {
      const client = handle.connection;
      const framesInWal = () => (client.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? -1;
      const write = (rows: number) =>
        client.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
        insert into scratch select randomblob(2000) from n`);
      const checkpoints = handle.sqlite.startCheckpoints(createLogger('silent'));
      expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      write(3000);
      await sleep(1300);
      // The timed checkpoint copied the WAL into the file, so the next write starts it again from the top.
      write(1);
      expect(framesInWal()).toBeLessThan(10);
      checkpoints.stop();
      expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // Stopped means stopped: with SQLite's own checkpoints off again, the WAL keeps what is written.
      client.pragma('wal_autocheckpoint = 0');
      write(3000);
      await sleep(600);
      write(1);
      expect(framesInWal()).toBeGreaterThan(1000);
    }));

  it('count every frame written between checkpoints, also when the WAL started over and grew past its old size', () =>
    withScratchDatabase(({ connection: client }, file) => {
      client.pragma('wal_autocheckpoint = 0');
      const insert = client.prepare('insert into scratch values (randomblob(3000))');
      const framesAdded = walGrowth();
      const checkpoint = () => (client.pragma('wal_checkpoint(PASSIVE)') as [CheckpointResult])[0];
      const writeBatch = () => {
        for (let i = 0; i < 50; i++) insert.run();
      };
      framesAdded(checkpoint(), true);
      // The same steady batch each round: each starts the WAL over and ends it at the same size as the last.
      const counted = Array.from({ length: 5 }, () => {
        writeBatch();
        return framesAdded(checkpoint(), true);
      });
      for (const frames of counted) expect(frames).toBeGreaterThanOrEqual(50);
      // Nothing written: nothing counted.
      expect(framesAdded(checkpoint(), false)).toBe(0);
      // A reader holding its snapshot keeps the WAL from starting over: it grows where it was.
      const reader = new Sqlite(file);
      reader.exec('begin; select count(*) from scratch;');
      writeBatch();
      expect(framesAdded(checkpoint(), true)).toBeGreaterThanOrEqual(50);
      writeBatch();
      const grown = framesAdded(checkpoint(), true);
      // One batch's worth, not the two the WAL now holds.
      expect(grown).toBeGreaterThan(counted[0]! * 0.8);
      expect(grown).toBeLessThan(counted[0]! * 1.2);
      reader.exec('commit');
      reader.close();
    }));

  it('still copy a trickle of writes into the file within a couple of seconds', () =>
    withScratchDatabase(async (handle) => {
      const client = handle.connection;
      const checkpoints = handle.sqlite.startCheckpoints(createLogger('silent'));
      try {
        const trickle = setInterval(() => client.exec('insert into scratch values (randomblob(100))'), 100);
        await sleep(1000);
        clearInterval(trickle);
        // The timer has slowed down (a trickle is far below 2,500 frames a
        // second), yet a checkpoint still comes; after it the next write starts
        // the WAL over. Without one, the trickle's ten commits would still be there.
        await sleep(2300);
        client.exec('insert into scratch values (randomblob(100))');
        const [{ log }] = client.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
        expect(log).toBeLessThan(5);
      } finally {
        checkpoints.stop();
      }
    }));
});
