import { LIMITS, PRIORITIES } from '../../../shared/limits';

/**
 * The one definition of TaskDesk's tables: names, column types, nullability,
 * keys, indexes and CHECK limits. The SQLite and Postgres table files build
 * their drizzle tables from these names, and the parity test holds both to
 * this spec column for column.
 *
 * Why two table files rather than one generated definition: drizzle's
 * `sqliteTable` and `pgTable` use unrelated builder types, so a function that
 * produced both from one literal would lose the row types drizzle infers.
 */
export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
  primaryKey?: boolean;
  references?: { table: string; column: string };
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique?: boolean;
  /** Partial-index predicate, written in SQL both dialects accept. */
  where?: string;
}

export interface TableSpec {
  name: string;
  columns: Record<string, ColumnSpec>;
  indexes: IndexSpec[];
  checks: Record<string, string>;
}

const col = (name: string, kind: ColumnKind, notNull: boolean, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  kind,
  notNull,
  ...extra,
});

export const USERS = {
  name: 'users',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    displayName: col('display_name', 'text', true),
    createdAt: col('created_at', 'text', true),
  },
  indexes: [],
  checks: {},
} as const satisfies TableSpec;

const LIVE = 'deleted_at IS NULL';

export const TASKS = {
  name: 'tasks',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    userId: col('user_id', 'text', true, { references: { table: 'users', column: 'id' } }),
    title: col('title', 'text', true),
    description: col('description', 'text', false),
    completed: col('completed', 'boolean', true),
    completedAt: col('completed_at', 'text', false),
    priority: col('priority', 'text', true),
    dueDate: col('due_date', 'text', false),
    tags: col('tags', 'json', true),
    // Lower-cased, NFC title and description joined by U+001F, which no text
    // field may contain, so a search can never match across the join.
    searchText: col('search_text', 'text', true),
    idempotencyKey: col('idempotency_key', 'text', false),
    version: col('version', 'integer', true),
    createdAt: col('created_at', 'text', true),
    updatedAt: col('updated_at', 'text', true),
    deletedAt: col('deleted_at', 'text', false),
  },
  // Each list shape (status x sort) has an index whose order is the sort
  // order, so a page is an index range scan that stops at the page size.
  // `id` breaks ties and makes every keyset position unique.
  indexes: [
    { name: 'tasks_user_status_created_idx', columns: ['user_id', 'completed', 'created_at', 'id'], where: LIVE },
    { name: 'tasks_user_status_due_idx', columns: ['user_id', 'completed', 'due_date', 'id'], where: LIVE },
    { name: 'tasks_user_created_idx', columns: ['user_id', 'created_at', 'id'], where: LIVE },
    { name: 'tasks_user_due_idx', columns: ['user_id', 'due_date', 'id'], where: LIVE },
    { name: 'tasks_user_deleted_idx', columns: ['user_id', 'deleted_at', 'id'], where: 'deleted_at IS NOT NULL' },
    { name: 'tasks_user_idempotency_key_uq', columns: ['user_id', 'idempotency_key'], unique: true },
  ],
  checks: {
    tasks_title_length_ck: `length(title) BETWEEN 1 AND ${LIMITS.titleMax}`,
    tasks_description_length_ck: `description IS NULL OR length(description) <= ${LIMITS.descriptionMax}`,
    tasks_priority_ck: `priority IN (${PRIORITIES.map((p) => `'${p}'`).join(', ')})`,
    tasks_version_ck: 'version >= 1',
  },
} as const satisfies TableSpec;

/**
 * One row per client credential. Only a SHA-256 of the token's secret is
 * kept: the secret is 256 random bits, so a fast hash is enough and the
 * stored value is useless to whoever reads the database.
 */
export const API_TOKENS = {
  name: 'api_tokens',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    userId: col('user_id', 'text', true, { references: { table: 'users', column: 'id' } }),
    label: col('label', 'text', true),
    secretHash: col('secret_hash', 'text', true),
    createdAt: col('created_at', 'text', true),
    lastUsedAt: col('last_used_at', 'text', false),
    callCount: col('call_count', 'integer', true),
    revokedAt: col('revoked_at', 'text', false),
  },
  indexes: [{ name: 'api_tokens_user_idx', columns: ['user_id', 'created_at'] }],
  checks: {},
} as const satisfies TableSpec;

/** The tool-call log: what agents did, newest kept, bounded per user. */
export const TOOL_CALLS = {
  name: 'tool_calls',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    userId: col('user_id', 'text', true),
    tokenId: col('token_id', 'text', false),
    clientLabel: col('client_label', 'text', true),
    tool: col('tool', 'text', true),
    arguments: col('arguments', 'json', true),
    outcome: col('outcome', 'text', true),
    errorCode: col('error_code', 'text', false),
    result: col('result', 'json', false),
    durationMs: col('duration_ms', 'real', true),
    taskId: col('task_id', 'text', false),
    createdAt: col('created_at', 'text', true),
  },
  // Activity pages newest first by (created_at, id), unfiltered or by one of
  // outcome, tool or client: each has an index in that order, so a page is a
  // range scan that stops at the page size. Two filters at once walk one of
  // them and test the other, within the retained log's bound.
  indexes: [
    { name: 'tool_calls_user_created_idx', columns: ['user_id', 'created_at', 'id'] },
    { name: 'tool_calls_user_outcome_created_idx', columns: ['user_id', 'outcome', 'created_at', 'id'] },
    { name: 'tool_calls_user_tool_created_idx', columns: ['user_id', 'tool', 'created_at', 'id'] },
    { name: 'tool_calls_user_client_created_idx', columns: ['user_id', 'client_label', 'created_at', 'id'] },
  ],
  checks: { tool_calls_outcome_ck: "outcome IN ('success', 'error')" },
} as const satisfies TableSpec;

/**
 * Browser sign-ins that outlive a restart: sessions, and one-time login codes
 * that another process (`taskdesk ui-link`) made. The id is the SHA-256 of
 * the secret, so the table alone opens nothing.
 */
export const UI_SESSIONS = {
  name: 'ui_sessions',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    kind: col('kind', 'text', true),
    userId: col('user_id', 'text', true, { references: { table: 'users', column: 'id' } }),
    createdAt: col('created_at', 'text', true),
    expiresAt: col('expires_at', 'text', true),
  },
  indexes: [{ name: 'ui_sessions_expires_idx', columns: ['expires_at'] }],
  checks: { ui_sessions_kind_ck: "kind IN ('session', 'login')" },
} as const satisfies TableSpec;

export const TABLE_SPECS: readonly TableSpec[] = [USERS, TASKS, API_TOKENS, TOOL_CALLS, UI_SESSIONS];
