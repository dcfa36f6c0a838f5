import { codeOf, isConnectionLost } from './database-errors';

/**
 * Failures of the storage itself, as opposed to bugs: the caller is told what
 * is wrong in words it can act on (and that nothing was changed), rather than
 * "internal error".
 */
export type StorageFailure = { kind: 'disk_full'; message: string } | { kind: 'unreachable'; message: string };

export const DISK_FULL_MESSAGE =
  'TaskDesk could not save: the disk holding its database is full. Nothing was changed; free some disk space and try again (TaskDesk recovers by itself once there is room).';
export const UNREACHABLE_MESSAGE =
  'TaskDesk cannot reach its database right now, so nothing was read or changed. Try again shortly; if it persists, check that the database server is running.';

// SQLITE_FULL is also what SQLite says when a file reaches its size limit;
// 53100 is Postgres's disk_full, 53200 out_of_memory is not storage.
const DISK_FULL_CODES = new Set(['SQLITE_FULL', '53100']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P03',
  '53300',
]);

/** What a thrown error says about the storage, or undefined when it is something else. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const code = codeOf(error);
  if (code && DISK_FULL_CODES.has(code)) return { kind: 'disk_full', message: DISK_FULL_MESSAGE };
  if ((code && UNREACHABLE_CODES.has(code)) || isConnectionLost(error) || isPoolTimeout(error)) {
    return { kind: 'unreachable', message: UNREACHABLE_MESSAGE };
  }
  return undefined;
}

/** pg-pool's own words when no connection could be made in time. */
function isPoolTimeout(error: unknown): boolean {
  const message = (error as { message?: unknown } | undefined)?.message;
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(message)
  );
}

// Free space below which a full disk is not yet taken as over: a small write
// can fit while a task's cannot, and health would flap between the two.
const ROOM_BYTES = 1024 * 1024;

/**
 * Remembers whether writes are failing because the disk is full, so health
 * checks can say so. It clears once a write succeeds with room to spare, or,
 * where the free space of the database's disk can be read (SQLite), as soon
 * as there is room again: an idle server recovers without waiting for a write.
 */
export function createWriteWatch(freeBytes?: () => number) {
  let diskFullSince: string | undefined;
  const roomAgain = (): boolean => {
    if (!freeBytes) return true;
    try {
      return freeBytes() >= ROOM_BYTES;
    } catch {
      return true;
    }
  };
  const watch = {
    /** Runs a write, noting how it went. */
    async around<T>(write: () => PromiseLike<T>): Promise<T> {
      try {
        const result = await write();
        watch.succeeded();
        return result;
      } catch (error) {
        watch.failed(error);
        throw error;
      }
    },
    succeeded(): void {
      if (diskFullSince !== undefined && roomAgain()) diskFullSince = undefined;
    },
    failed(error: unknown): void {
      if (storageFailureOf(error)?.kind === 'disk_full') diskFullSince ??= new Date().toISOString();
    },
    /** Why writes are failing now, or undefined while they are not known to fail. */
    problem(): string | undefined {
      if (diskFullSince !== undefined && freeBytes && roomAgain()) diskFullSince = undefined;
      return diskFullSince === undefined
        ? undefined
        : `the disk is full: writes have failed since ${diskFullSince}; they resume by themselves once space is freed`;
    },
  };
  return watch;
}

export type WriteWatch = ReturnType<typeof createWriteWatch>;
