import type Sqlite from 'better-sqlite3';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for the one connection that serves requests. Writes that
 * arrive while the event loop works through a batch of requests share one
 * transaction, committed (and, with synchronous = FULL, synced to disk) once
 * that batch is done; each write's promise resolves only after its commit.
 * A commit costs far more than an insert (about 230 of an add_task's 700
 * microseconds on the development machine), so under concurrent writers this
 * is the largest saving there is, and a lone writer waits no longer than
 * before.
 *
 * Writes within a group see each other, as statements on one connection do.
 * `read` commits the open group first, so no read shows a write before it is
 * on disk; `readWithoutWaiting` does not, for lookups where that is harmless.
 */
export function createGroupCommit(client: Sqlite.Database) {
  let waiters: Waiter[] | undefined;
  // The transaction bodies, one after another: the tail of the queue, and
  // whether a body is running now (its statements are in the open group).
  let transactions: Promise<unknown> = Promise.resolve();
  let bodyRunning = false;
  let commitWanted = false;

  function commitNow(): void {
    // A body halfway through must not be committed in part; it commits when it ends.
    if (bodyRunning) {
      commitWanted = true;
      return;
    }
    const group = waiters;
    if (!group) return;
    waiters = undefined;
    try {
      // SQLite rolls a transaction back by itself on some failures (disk full, I/O error).
      if (!client.inTransaction) throw new Error('SQLite rolled back the transaction these writes shared');
      client.exec('COMMIT');
      for (const waiter of group) waiter.resolve();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of group) waiter.reject(failure);
      rollBackQuietly();
    }
  }

  /** A failed ROLLBACK (an I/O error) must not leave writes unanswered; the next write tries again. */
  function rollBackQuietly(): void {
    try {
      if (client.inTransaction) client.exec('ROLLBACK');
    } catch {
      // Left for the next write, which rolls back a transaction no group owns before it begins.
    }
  }

  /** Opens a group (BEGIN IMMEDIATE) unless one is open, and returns the promise of its commit. */
  function joinGroup(): Promise<void> {
    if (!waiters) {
      try {
        rollBackQuietly();
        client.exec('BEGIN IMMEDIATE');
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      waiters = [];
      setImmediate(commitNow);
    }
    const group = waiters;
    return new Promise<void>((resolve, reject) => group.push({ resolve, reject }));
  }

  /** Resolves when no transaction body is running or queued; reads wait for it so they never see half a change. */
  function idle(): Promise<void> {
    const tail = transactions;
    return bodyRunning ? tail.then(idle, idle) : Promise.resolve();
  }

  /**
   * Runs `body` inside the open group as a savepoint: its statements commit
   * with the group, or are rolled back alone if it throws. Bodies run one at a
   * time, and plain writes wait for a running body, so nothing else lands
   * inside a savepoint that may be rolled back.
   */
  function transaction<T>(body: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const committed = joinGroup();
      // The group may have failed to begin; the body must not run outside a transaction.
      if (!waiters) return committed.then(() => undefined as T);
      bodyRunning = true;
      let value: T;
      try {
        client.exec('SAVEPOINT task_change');
        try {
          value = await body();
          client.exec('RELEASE task_change');
        } catch (error) {
          if (client.inTransaction) {
            client.exec('ROLLBACK TO task_change');
            client.exec('RELEASE task_change');
          }
          throw error;
        }
      } catch (error) {
        // This body's waiter must still be answered when the group commits.
        committed.catch(() => undefined);
        throw error;
      } finally {
        bodyRunning = false;
        if (commitWanted) {
          commitWanted = false;
          commitNow();
        }
      }
      await committed;
      return value;
    };
    const result = transactions.then(run, run);
    transactions = result.catch(() => undefined);
    return result;
  }

  /** Runs a write statement now, inside the open group, and resolves with its result once the group has committed. */
  function write<T>(statement: () => PromiseLike<T>): Promise<T> {
    if (bodyRunning) return idle().then(() => write(statement));
    const committed = joinGroup();
    if (!waiters) return committed.then(() => undefined as T);
    // drizzle runs a SQLite statement synchronously when its promise is first subscribed to, so this runs it now.
    // (Not so for an unprepared delete, whose execute awaits first: repositories pass deletes prepared.)
    const result = new Promise<T>((resolve, reject) => {
      statement().then(resolve, reject);
    });
    if (!client.inTransaction) commitNow();
    return Promise.all([result, committed]).then(([value]) => value);
  }

  return { write, commitNow, transaction, idle };
}
