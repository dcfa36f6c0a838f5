import { UI_CLIENT_LABEL } from '../../shared/api';
import type { TaskRow } from '../db/task-repository';
import type { TokenScope } from './task-scope';

/**
 * Who makes a change: an agent (a client, by its token, or by its label when
 * it has none, as over stdio), the person in the UI, or TaskDesk itself (a
 * lease running out). The history and claims record it.
 */
export interface Actor {
  kind: 'agent' | 'person' | 'system';
  label: string;
  tokenId: string | null;
  /** What the agent's token allows; absent for everyone else, who may do everything. */
  scope?: TokenScope;
}

export const PERSON: Actor = { kind: 'person', label: UI_CLIENT_LABEL, tokenId: null };
export const SYSTEM: Actor = { kind: 'system', label: 'TaskDesk', tokenId: null };

/** A bare label (the CLI, older callers) names an agent without a token. */
export function actorOf(by: Actor | string): Actor {
  return typeof by === 'string' ? { kind: 'agent', label: by, tokenId: null } : by;
}

/** The claim on `row` if its lease has not run out at `now`. */
export function liveClaim(row: Pick<TaskRow, 'claimLabel' | 'claimExpiresAt' | 'claimTokenId'>, now: string) {
  return row.claimExpiresAt !== null && row.claimExpiresAt > now
    ? { label: row.claimLabel ?? 'unknown client', tokenId: row.claimTokenId, expiresAt: row.claimExpiresAt }
    : undefined;
}

/** Whether `actor` is the one holding the claim recorded on `row`. */
export function holdsClaim(actor: Actor, row: Pick<TaskRow, 'claimLabel' | 'claimTokenId'>): boolean {
  if (row.claimTokenId !== null) return row.claimTokenId === actor.tokenId;
  return actor.tokenId === null && actor.kind === 'agent' && row.claimLabel === actor.label;
}
