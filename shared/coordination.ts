/**
 * Bounds and names for the coordination layer (projects, subtasks,
 * dependencies, claims, notes, history). The zod schemas, the database CHECK
 * constraints and the tool descriptions all read these.
 */
export const COORDINATION_LIMITS = {
  projectNameMax: 64,
  blockersMax: 20,
  /** A task and its ancestors: a subtask of a subtask ... at most this many levels deep. */
  nestingMax: 5,
  noteMax: 2000,
  leaseMinSeconds: 30,
  leaseMaxSeconds: 3600,
  leaseDefaultSeconds: 600,
  /** Notes and history events shown with a task; more are paged with a cursor. */
  notesShown: 5,
  eventsShown: 10,
  eventsPageMax: 100,
  /** Open blockers and subtasks listed with a task. */
  relatedShown: 50,
} as const;

/** Every kind of change the history records. A person acting on a claimed task ends the claim within that change's event. */
export const TASK_EVENT_KINDS = [
  'created',
  'updated',
  'completed',
  'reopened',
  'deleted',
  'restored',
  'claimed',
  'renewed',
  'released',
  'lease_expired',
  'noted',
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

export const ACTOR_KINDS = ['agent', 'person', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
