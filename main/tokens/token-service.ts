import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LOCAL_USER_ID } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/result';
import { createTokenInput, type CreatedToken, type TokenInfo, type TokenProject } from '../../shared/token-schemas';
import { validate } from '../../shared/validate';
import type { ApiTokenRow, TokenRepository } from '../db/token-repository';
import type { UserRepository } from '../db/user-repository';
import type { TokenScope } from '../tasks/task-scope';

/** The user's projects a token can be limited to, from the task service. */
export interface ProjectDirectory {
  /** The projects under these names, each created if it does not exist yet (projects are created on first use). */
  ensure: (userId: string, names: readonly string[]) => Promise<TokenProject[]>;
  /** The current names of these projects; a rename shows here, the scope keeps the id. */
  named: (userId: string, ids: readonly string[]) => Promise<TokenProject[]>;
}

/** Who a request acts for, as its token says. */
export interface Caller {
  tokenId: string | null;
  userId: string;
  clientLabel: string;
  /** The token's projects and read-only flag; absent for callers without a token (stdio), who are unscoped. */
  scope?: TokenScope;
}

// tdk_<12-character id>_<256-bit secret, base64url>. The id finds the row;
// the secret is compared in constant time against its stored hash.
const TOKEN_PATTERN = /^tdk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function newTokenId(): string {
  return Array.from(randomBytes(12), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

// Compared against when the id is unknown, so a miss costs what a hit does.
const DECOY_HASH = hashSecret('decoy');

function toInfo(row: ApiTokenRow, projects: readonly TokenProject[] = []): TokenInfo {
  const names = new Map(projects.map((project) => [project.id, project.name]));
  return {
    id: row.id,
    label: row.label,
    user: row.userId,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
    call_count: row.callCount,
    revoked_at: row.revokedAt,
    projects: row.projectIds?.map((id) => ({ id, name: names.get(id) ?? id })) ?? null,
    read_only: row.readOnly,
  };
}

export function createTokenService(deps: {
  tokens: TokenRepository;
  users: UserRepository;
  projects: ProjectDirectory;
  clock?: () => Date;
  /** Told of every token as it is after a change (created, revoked, seen), never with its secret. */
  onChange?: (token: TokenInfo) => void;
}) {
  const { tokens, users, projects, clock = () => new Date(), onChange = () => undefined } = deps;

  /** Rows as listed, each scope's project ids shown with their current names. */
  async function withNames(rows: readonly ApiTokenRow[]): Promise<TokenInfo[]> {
    const byUser = new Map<string, Set<string>>();
    for (const row of rows)
      for (const id of row.projectIds ?? []) byUser.set(row.userId, (byUser.get(row.userId) ?? new Set()).add(id));
    const named = (await Promise.all([...byUser].map(([userId, ids]) => projects.named(userId, [...ids])))).flat();
    return rows.map((row) => toInfo(row, named));
  }

  return {
    /** Creates a token for a client; the secret exists only in the value returned. */
    async create(input: unknown): Promise<Result<CreatedToken>> {
      const parsed = validate(createTokenInput, input);
      if (!parsed.ok) return parsed;
      const userId = parsed.value.user ?? LOCAL_USER_ID;
      const now = clock().toISOString();
      await users.ensure(userId, userId);
      const names = parsed.value.projects ?? [];
      const scope = names.length > 0 ? await projects.ensure(userId, names) : null;
      const id = newTokenId();
      const secret = randomBytes(32).toString('base64url');
      const row = await tokens.insert({
        id,
        userId,
        label: parsed.value.label,
        secretHash: hashSecret(secret).toString('hex'),
        createdAt: now,
        lastUsedAt: null,
        callCount: 0,
        revokedAt: null,
        projectIds: scope && [...new Set(scope.map((project) => project.id))],
        readOnly: parsed.value.read_only ?? false,
      });
      const info = toInfo(row, scope ?? []);
      onChange(info);
      return ok({ ...info, token: `tdk_${id}_${secret}` });
    },

    /** Announces these tokens as they now are (their sightings were written: last seen, call count). */
    async changed(ids: readonly string[]): Promise<void> {
      const wanted = new Set(ids);
      for (const info of await withNames(await tokens.list())) if (wanted.has(info.id)) onChange(info);
    },

    /** Every token, or only one user's (the UI shows the signed-in user's own). */
    async list(userId?: string): Promise<TokenInfo[]> {
      const rows = await tokens.list();
      return withNames(userId === undefined ? rows : rows.filter((row) => row.userId === userId));
    },

    /** Revokes a token; with `userId`, only one of that user's (another's reads as not found). */
    async revoke(id: string, userId?: string): Promise<Result<TokenInfo>> {
      if (userId !== undefined) {
        const owned = await tokens.find(id);
        if (owned?.userId !== userId) return fail('not_found', `no token with id ${id}`);
      }
      const revoked = await tokens.revoke(id, clock().toISOString());
      if (revoked) {
        const info = (await withNames([revoked]))[0] as TokenInfo;
        onChange(info);
        return ok(info);
      }
      const existing = await tokens.find(id);
      return existing
        ? ok((await withNames([existing]))[0] as TokenInfo)
        : fail('not_found', `no token with id ${id}; run 'taskdesk token list' to see token ids`);
    },

    /** The caller a presented token stands for, or undefined when it is unknown, malformed or revoked. */
    async authenticate(presented: string): Promise<Caller | undefined> {
      const match = TOKEN_PATTERN.exec(presented);
      if (!match) return undefined;
      const [, id = '', secret = ''] = match;
      const row = await tokens.findActive(id);
      const expected = row ? Buffer.from(row.secretHash, 'hex') : DECOY_HASH;
      const matches = timingSafeEqual(hashSecret(secret), expected);
      if (!row || !matches) return undefined;
      const scope: TokenScope = { projectIds: row.projectIds, readOnly: row.readOnly };
      return { tokenId: row.id, userId: row.userId, clientLabel: row.label, scope };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
