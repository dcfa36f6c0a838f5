import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DatabaseHandle } from './database';
import { createPreparedQueries } from './prepared-queries';
import { recordTokenUse } from './tool-call-statements';
import type { ApiTokenRow } from './schema/row-types';

export type { ApiTokenRow };

export interface TokenUse {
  tokenId: string;
  calls: number;
  lastUsedAt: string;
}

export function createTokenRepository(handle: DatabaseHandle) {
  const { dialect } = handle;
  const { apiTokens } = handle.tables;
  // Sightings and the tool-call log both write last_used_at, in batches that may land out of order.
  const laterOf = (at: string) =>
    sql`case when ${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${at} then ${at} else ${apiTokens.lastUsedAt} end`;
  const prepared = createPreparedQueries('api_tokens');
  return {
    async insert(row: ApiTokenRow): Promise<ApiTokenRow> {
      const [inserted] = await dialect.write((db) => db.insert(apiTokens).values(row).returning());
      if (!inserted) throw new Error('database returned no row for an inserted token');
      return inserted;
    },

    /** The token with this id if it has not been revoked. Read on every request, so revocation is immediate. */
    async findActive(id: string): Promise<ApiTokenRow | undefined> {
      const rows = await dialect.readWithoutWaiting((db) =>
        prepared.run(
          'find-active',
          () =>
            db
              .select()
              .from(apiTokens)
              .where(and(eq(apiTokens.id, sql.placeholder('id')), isNull(apiTokens.revokedAt))),
          { id },
        ),
      );
      return rows[0];
    },

    list(): Promise<ApiTokenRow[]> {
      return dialect.read((db) => db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id)));
    },

    async revoke(id: string, at: string): Promise<ApiTokenRow | undefined> {
      const [row] = await dialect.write((db) =>
        db
          .update(apiTokens)
          .set({ revokedAt: at })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning(),
      );
      return row;
    },

    async find(id: string): Promise<ApiTokenRow | undefined> {
      const [row] = await dialect.read((db) => db.select().from(apiTokens).where(eq(apiTokens.id, id)));
      return row;
    },

    /** Moves each token's last-seen time forward (never back): a request was authenticated with it. */
    async recordSeen(sightings: readonly { tokenId: string; at: string }[]): Promise<void> {
      for (const { tokenId, at } of sightings) {
        await dialect.write((db) =>
          db
            .update(apiTokens)
            .set({
              lastUsedAt: laterOf(at),
            })
            .where(eq(apiTokens.id, tokenId)),
        );
      }
    },

    /** Adds batched usage; called off the request path by the tool-call log. */
    async recordUse(uses: TokenUse[]): Promise<void> {
      for (const use of uses) {
        await dialect.write((db) => prepared.run('record-use', () => recordTokenUse(db, handle.tables), { ...use }));
      }
    },
  };
}

export type TokenRepository = ReturnType<typeof createTokenRepository>;
