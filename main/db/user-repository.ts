import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import type { UserRow } from './schema/row-types';

export function createUserRepository(handle: DatabaseHandle) {
  const { users } = handle.tables;
  return {
    /** Creates the user if missing; an existing user keeps its display name. */
    async ensure(id: string, displayName: string, now = new Date()): Promise<UserRow> {
      await handle.dialect.write((db) =>
        db.insert(users).values({ id, displayName, createdAt: now.toISOString() }).onConflictDoNothing(),
      );
      const [row] = await handle.dialect.read((db) => db.select().from(users).where(eq(users.id, id)));
      if (!row) throw new Error(`user ${id} vanished right after it was ensured`);
      return row;
    },

    async find(id: string): Promise<UserRow | undefined> {
      const [row] = await handle.dialect.read((db) => db.select().from(users).where(eq(users.id, id)));
      return row;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
