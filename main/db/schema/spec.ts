import { COORDINATION_LIMITS, TASK_EVENT_KINDS } from '../../../shared/coordination';
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
// 'sequence': an ever-growing 64-bit row number the database assigns (SQLite
// INTEGER PRIMARY KEY AUTOINCREMENT, Postgres bigint identity).
export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json' | 'sequence';

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

/**
 * The ready queue's predicate: live, open and with no open blocker. Queries
 * that read the queue repeat this exact text, because SQLite uses a partial
 * index only when the query's WHERE contains the index's terms literally.
 * (Claims are not part of it: a lease runs out with time, not with a write.)
 */
export const READY_PREDICATE = 'deleted_at IS NULL AND completed = false AND open_blockers = 0';

/**
 * Ready and never claimed (or released): where claim_task looks first. Claimed
 * rows stay in the ready indexes until they are swept or completed, and a
 * claimer walking those would step over every held task on every claim.
 */
export const UNCLAIMED_READY_PREDICATE = `${READY_PREDICATE} AND claim_expires_at IS NULL`;

/** A person's named group of tasks; names compare ignoring case through name_key. */
export const PROJECTS = {
  name: 'projects',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    userId: col('user_id', 'text', true, { references: { table: 'users', column: 'id' } }),
    name: col('name', 'text', true),
    // The name lower-cased (NFC): the unique index on it makes "Web" and "web" one project.
    nameKey: col('name_key', 'text', true),
    createdAt: col('created_at', 'text', true),
    updatedAt: col('updated_at', 'text', true),
  },
  indexes: [{ name: 'projects_user_name_key_uq', columns: ['user_id', 'name_key'], unique: true }],
  checks: {
    projects_name_length_ck: `length(name) BETWEEN 1 AND ${COORDINATION_LIMITS.projectNameMax}`,
  },
} as const satisfies TableSpec;

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
    projectId: col('project_id', 'text', false, { references: { table: 'projects', column: 'id' } }),
    parentId: col('parent_id', 'text', false, { references: { table: 'tasks', column: 'id' } }),
    // How many of the task's blockers are open; kept by the writes that open,
    // close or (un)link a blocker, so "ready" is a column test an index can hold.
    openBlockers: col('open_blockers', 'integer', true),
    // The ready queue's order as one sortable text: priority rank, due date
    // (undated last), creation time. Derived on every write, like search_text.
    readyOrder: col('ready_order', 'text', true),
    // The claim: which token holds the task (null for a token-less client such
    // as stdio, then the label names it), shown by its label, until when.
    claimTokenId: col('claim_token_id', 'text', false),
    claimLabel: col('claim_label', 'text', false),
    claimExpiresAt: col('claim_expires_at', 'text', false),
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
    // The ready queue, in claim order, for all of a user's tasks and per project.
    { name: 'tasks_user_ready_idx', columns: ['user_id', 'ready_order', 'id'], where: READY_PREDICATE },
    {
      name: 'tasks_user_project_ready_idx',
      columns: ['user_id', 'project_id', 'ready_order', 'id'],
      where: READY_PREDICATE,
    },
    { name: 'tasks_user_unclaimed_idx', columns: ['user_id', 'ready_order', 'id'], where: UNCLAIMED_READY_PREDICATE },
    {
      name: 'tasks_user_project_unclaimed_idx',
      columns: ['user_id', 'project_id', 'ready_order', 'id'],
      where: UNCLAIMED_READY_PREDICATE,
    },
    { name: 'tasks_user_project_created_idx', columns: ['user_id', 'project_id', 'created_at', 'id'], where: LIVE },
    { name: 'tasks_parent_idx', columns: ['parent_id', 'created_at', 'id'], where: 'parent_id IS NOT NULL' },
    // Claims a lease sweep must end, soonest first.
    { name: 'tasks_claim_expires_idx', columns: ['claim_expires_at'], where: 'claim_expires_at IS NOT NULL' },
  ],
  checks: {
    tasks_title_length_ck: `length(title) BETWEEN 1 AND ${LIMITS.titleMax}`,
    tasks_description_length_ck: `description IS NULL OR length(description) <= ${LIMITS.descriptionMax}`,
    tasks_priority_ck: `priority IN (${PRIORITIES.map((p) => `'${p}'`).join(', ')})`,
    tasks_version_ck: 'version >= 1',
    tasks_open_blockers_ck: 'open_blockers >= 0',
    tasks_not_own_parent_ck: 'parent_id IS NULL OR parent_id <> id',
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
    // The project ids a scoped token may use, or null for all of the user's.
    // Ids, not names, so renaming a project keeps the scope. A JSON list in
    // the token's own row, because the row is read on every request anyway.
    projectIds: col('project_ids', 'json', false),
    readOnly: col('read_only', 'boolean', true),
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

/** "task_id is blocked by blocker_id": one row per edge of a user's dependency graph. */
export const TASK_DEPENDENCIES = {
  name: 'task_dependencies',
  columns: {
    taskId: col('task_id', 'text', true, { references: { table: 'tasks', column: 'id' } }),
    blockerId: col('blocker_id', 'text', true, { references: { table: 'tasks', column: 'id' } }),
    userId: col('user_id', 'text', true),
    createdAt: col('created_at', 'text', true),
  },
  indexes: [
    { name: 'task_dependencies_task_blocker_uq', columns: ['task_id', 'blocker_id'], unique: true },
    { name: 'task_dependencies_blocker_idx', columns: ['blocker_id'] },
  ],
  checks: { task_dependencies_not_self_ck: 'task_id <> blocker_id' },
} as const satisfies TableSpec;

/** Short texts on a task (handoffs, progress, findings), stamped with who wrote them. */
export const TASK_NOTES = {
  name: 'task_notes',
  columns: {
    id: col('id', 'text', true, { primaryKey: true }),
    taskId: col('task_id', 'text', true, { references: { table: 'tasks', column: 'id' } }),
    userId: col('user_id', 'text', true),
    authorKind: col('author_kind', 'text', true),
    authorLabel: col('author_label', 'text', true),
    authorTokenId: col('author_token_id', 'text', false),
    text: col('text', 'text', true),
    createdAt: col('created_at', 'text', true),
  },
  indexes: [{ name: 'task_notes_task_created_idx', columns: ['task_id', 'created_at', 'id'] }],
  checks: {
    task_notes_text_length_ck: `length(text) BETWEEN 1 AND ${COORDINATION_LIMITS.noteMax}`,
    task_notes_author_kind_ck: "author_kind IN ('agent', 'person')",
  },
} as const satisfies TableSpec;

/**
 * The change log: one row per acknowledged change to a task, written in the
 * same transaction as the change. `seq` orders every change of the database,
 * so a reader that remembers the last seq it saw misses nothing. `changes`
 * holds each changed field as [old, new].
 */
export const TASK_EVENTS = {
  name: 'task_events',
  columns: {
    seq: col('seq', 'sequence', true, { primaryKey: true }),
    userId: col('user_id', 'text', true),
    taskId: col('task_id', 'text', true),
    kind: col('kind', 'text', true),
    version: col('version', 'integer', true),
    actorKind: col('actor_kind', 'text', true),
    actorLabel: col('actor_label', 'text', true),
    actorTokenId: col('actor_token_id', 'text', false),
    changes: col('changes', 'json', true),
    createdAt: col('created_at', 'text', true),
  },
  indexes: [
    { name: 'task_events_task_seq_idx', columns: ['task_id', 'seq'] },
    { name: 'task_events_user_seq_idx', columns: ['user_id', 'seq'] },
  ],
  checks: {
    task_events_kind_ck: `kind IN (${TASK_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ')})`,
    task_events_actor_kind_ck: "actor_kind IN ('agent', 'person', 'system')",
  },
} as const satisfies TableSpec;

export const TABLE_SPECS: readonly TableSpec[] = [
  USERS,
  PROJECTS,
  TASKS,
  TASK_DEPENDENCIES,
  TASK_NOTES,
  TASK_EVENTS,
  API_TOKENS,
  TOOL_CALLS,
  UI_SESSIONS,
];
