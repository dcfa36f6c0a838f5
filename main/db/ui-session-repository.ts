import { and, eq, gt, lte } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import type { UiSessionRow } from './schema/row-types';

export type UiSessionKind = 'session' | 'login';

/** Browser sign-ins kept in the database, by the digest of their secret. */
export function createUiSessionRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { uiSessions } = handle.tables;
  return {
    async insert(row: UiSessionRow): Promise<void> {
      await dialect.write((db) => db.insert(uiSessions).values(row));
    },

    /** A live row of this kind, or undefined when it is unknown or has expired. */
    async find(id: string, kind: UiSessionKind, now: string): Promise<UiSessionRow | undefined> {
      const [row] = await dialect.read((db) =>
        db
          .select()
          .from(uiSessions)
          .where(and(eq(uiSessions.id, id), eq(uiSessions.kind, kind), gt(uiSessions.expiresAt, now))),
      );
      return row;
    },

    /** Deletes a live login code and says whether it was there: a code can be spent once, by one process. */
    async spendLogin(id: string, now: string): Promise<UiSessionRow | undefined> {
      const [row] = await dialect.write((db) =>
        db
          .delete(uiSessions)
          .where(and(eq(uiSessions.id, id), eq(uiSessions.kind, 'login'), gt(uiSessions.expiresAt, now)))
          .returning(),
      );
      return row;
    },

    async delete(id: string): Promise<void> {
      await dialect.write((db) => db.delete(uiSessions).where(eq(uiSessions.id, id)));
    },

    async deleteExpired(now: string): Promise<void> {
      await dialect.write((db) => db.delete(uiSessions).where(lte(uiSessions.expiresAt, now)));
    },
  };
}

export type UiSessionRepository = ReturnType<typeof createUiSessionRepository>;
