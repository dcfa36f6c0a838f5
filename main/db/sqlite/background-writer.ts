import { Worker } from 'node:worker_threads';
import type { ToolCallSink } from '../../tool-log/repository-sink';
import type { ToolCallRow } from '../tool-call-repository';
import type { WorkerReply, WorkerRequest } from './background-writer-protocol';
import { pathToFileURL } from 'node:url';
import { besideModule } from '../../module-path';

// From the sources (tests, tsx) the worker is TypeScript and needs a
// bootstrap; from the bundle it is a compiled file beside the CLI.
const FROM_SOURCES = import.meta.url.endsWith('.ts');

// The worker allocates little that lives (a batch at a time) and has time to
// spare, so a small heap costs it nothing visible and keeps the server's
// resident memory down.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 };

function startWorker(data: { path: string; retention: number }): Worker {
  if (FROM_SOURCES) {
    const entry = pathToFileURL(besideModule('./background-writer-worker.ts', import.meta.url)).href;
    return new Worker(besideModule('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { ...data, entry },
      resourceLimits: WORKER_LIMITS,
    });
  }
  return new Worker(besideModule('./background-writer-worker.mjs', import.meta.url), {
    workerData: data,
    resourceLimits: WORKER_LIMITS,
  });
}

export interface SqliteBackgroundWriter extends ToolCallSink {
  /** Starts the worker now (it otherwise starts with the first write). */
  start: () => void;
}

/**
 * The main thread's side of the SQLite background writer. While it runs, the
 * request connection leaves WAL checkpoints to the worker (`onStart`), so no
 * request ever waits on one; `onStop` hands them back.
 */
export function createSqliteBackgroundWriter(options: {
  path: string;
  retention: number;
  onStart: () => void;
  onStop: () => void;
}): SqliteBackgroundWriter {
  let worker: Worker | undefined;
  let nextId = 0;
  // Each write remembers its worker: a dead worker's late events must not fail its successor's writes.
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void; worker: Worker }>();

  function start(): Worker {
    if (worker) return worker;
    const started = startWorker({ path: options.path, retention: options.retention });
    started.on('message', (reply: WorkerReply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) pending?.resolve();
      else pending?.reject(new Error(reply.message));
    });
    // A worker that dies (it could not open the file, ran out of heap, threw)
    // fails what it was given and is forgotten: the next write starts a new
    // one, and until then the request connection checkpoints for itself.
    const fail = (error: Error) => {
      for (const [id, pending] of waiting) {
        if (pending.worker !== started) continue;
        waiting.delete(id);
        pending.reject(error);
      }
      if (worker === started) {
        worker = undefined;
        options.onStop();
      }
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the SQLite background writer stopped (exit code ${code})`)));
    worker = started;
    options.onStart();
    return started;
  }

  function send(
    request: WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never,
    target: Worker,
  ): Promise<void> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, worker: target });
      target.postMessage({ ...request, id });
    });
  }

  return {
    start: () => void start(),
    write: (batch: ToolCallRow[]) => send({ type: 'write', batch }, start()),
    async close() {
      const stopping = worker;
      if (!stopping) return;
      await send({ type: 'close' }, stopping);
      if (worker === stopping) {
        worker = undefined;
        options.onStop();
      }
      await stopping.terminate();
    },
  };
}
