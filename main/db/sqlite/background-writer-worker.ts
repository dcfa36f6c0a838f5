/**
 * The SQLite background writer, in a worker thread with a connection of its
 * own: it stores tool-call log batches, one transaction each, and runs WAL
 * checkpoints, so neither blocks the thread that answers requests.
 * Its connection uses synchronous = NORMAL: a log entry may be lost to a
 * power cut, but tasks are written by the main connection with FULL.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';
import type { ToolCallRow } from '../tool-call-repository';
import { createToolCallRepository } from '../tool-call-repository';
import { createTokenRepository } from '../token-repository';
import { createLogger } from '../../logging/logger';
import { createRepositorySink } from '../../tool-log/repository-sink';
import { openSqlite } from './open-sqlite';
import type { WorkerReply, WorkerRequest } from './background-writer-protocol';

const CHECKPOINT_EVERY_MS = 1000;

const { path, retention } = workerData as { path: string; retention: number };
const logger = createLogger();
const handle = openSqlite(path);
const client = (handle.db as unknown as { $client: Sqlite.Database }).$client;
client.pragma('synchronous = NORMAL');
const newSink = () =>
  createRepositorySink({
    calls: createToolCallRepository(handle),
    tokens: createTokenRepository(handle),
    retention,
    logger,
  });
let sink = newSink();

// Requests are handled strictly one after another: a batch's statements run
// between BEGIN IMMEDIATE and COMMIT with nothing else on this connection.
let queue: Promise<void> = Promise.resolve();

async function writeBatch(batch: ToolCallRow[]): Promise<void> {
  client.exec('BEGIN IMMEDIATE');
  try {
    await sink.write(batch);
    client.exec('COMMIT');
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    // Whatever the sink counted for this batch did not stay; start its counts afresh.
    sink = newSink();
    throw error;
  }
}

const checkpoints = setInterval(() => {
  try {
    client.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    logger.warn({ err: error }, 'WAL checkpoint failed');
  }
}, CHECKPOINT_EVERY_MS);

parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      if (request.type === 'write') {
        await writeBatch(request.batch);
      } else {
        clearInterval(checkpoints);
        client.pragma('wal_checkpoint(TRUNCATE)');
        await handle.close();
      }
      reply = { id: request.id, ok: true };
    } catch (error) {
      logger.error({ err: error }, 'background writer failed');
      reply = { id: request.id, ok: false, message: (error as Error).message };
    }
    parentPort?.postMessage(reply);
  });
});
