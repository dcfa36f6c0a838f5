import type { DatabaseHandle } from '../db/database';
import type { ToolCallRepository, ToolCallRow } from '../db/tool-call-repository';
import type { TokenRepository } from '../db/token-repository';
import type { Logger } from '../logging/logger';
import { createPostgresToolCallStore } from './postgres-tool-call-store';
import { createSqliteToolCallStore } from './sqlite-tool-call-store';

/**
 * Where batches of tool-call rows are stored: the rows, each token's usage,
 * and per-user retention, all as one step. One implementation per dialect,
 * over the same statements (db/tool-call-statements.ts).
 */
export interface ToolCallStore {
  write: (batch: ToolCallRow[]) => Promise<void>;
  close: () => Promise<void>;
}

/** The store the database's dialect needs: SQLite writes synchronously on its one connection, Postgres through its pool. */
export function openToolCallStore(
  handle: DatabaseHandle,
  repositories: { calls: ToolCallRepository; tokens: TokenRepository },
  options: { retention: number; logger: Logger },
): ToolCallStore {
  return handle.sqlite
    ? createSqliteToolCallStore({ sqlite: handle.sqlite, tables: handle.tables, ...options })
    : createPostgresToolCallStore({ ...repositories, ...options });
}
