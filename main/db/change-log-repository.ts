import { and, asc, between, gt, inArray, or, sql } from 'drizzle-orm';
import type { TaskEventKind } from '../../shared/coordination';
import type { DatabaseHandle } from './database';

/** The Postgres channel every committed change is announced on, with its user id as the payload. */
export const CHANGE_CHANNEL = 'taskdesk_task_events';

/** What the live feed needs of one change-log event; its field changes stay in the log. */
export interface ChangeLogEntry {
  seq: number;
  userId: string;
  taskId: string;
  kind: TaskEventKind;
  actorLabel: string;
  createdAt: string;
}

/** Sequence numbers from..to (inclusive) not read yet: on Postgres a lower seq may commit after a higher one. */
export interface SeqRange {
  from: number;
  to: number;
}

/** Reads the change log (task_events) by sequence, for the live feed. */
export function createChangeLogRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { taskEvents } = handle.tables;
  return {
    /**
     * The sequence numbers among the newest `count` that are committed,
     * oldest first, up to the highest committed (none for an empty log). One
     * statement, so on Postgres one snapshot: a number missing below the
     * highest was handed out to a transaction not committed then (or rolled
     * back), which may still commit.
     */
    async newestSeqs(count: number): Promise<number[]> {
      const rows = await dialect.read((db) =>
        db
          .select({ seq: taskEvents.seq })
          .from(taskEvents)
          .where(
            gt(taskEvents.seq, sql`(${db.select({ max: sql`max(${taskEvents.seq})` }).from(taskEvents)}) - ${count}`),
          )
          .orderBy(asc(taskEvents.seq)),
      );
      return rows.map((row) => row.seq);
    },

    /** The users' events after `after` or inside one of `missing`, oldest first, at most `limit`. */
    readAfter(users: readonly string[], after: number, missing: readonly SeqRange[], limit: number) {
      if (users.length === 0) return Promise.resolve([] as ChangeLogEntry[]);
      const late = missing.map((range) => between(taskEvents.seq, range.from, range.to));
      return dialect.read((db): Promise<ChangeLogEntry[]> =>
        db
          .select({
            seq: taskEvents.seq,
            userId: taskEvents.userId,
            taskId: taskEvents.taskId,
            kind: taskEvents.kind,
            actorLabel: taskEvents.actorLabel,
            createdAt: taskEvents.createdAt,
          })
          .from(taskEvents)
          .where(and(inArray(taskEvents.userId, [...users]), or(gt(taskEvents.seq, after), ...late)))
          .orderBy(asc(taskEvents.seq))
          .limit(limit),
      );
    },
  };
}

export type ChangeLogRepository = ReturnType<typeof createChangeLogRepository>;
