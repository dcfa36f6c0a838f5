import type { TaskEvent } from '../../../shared/task';
import { UI_CLIENT_LABEL } from '../../../shared/api';

/** Fields whose change the UI can undo (the service's list; anything else has no Undo button). */
const UNDOABLE_FIELDS = new Set([
  'title',
  'description',
  'priority',
  'due_date',
  'tags',
  'project_id',
  'parent_id',
  'blocked_by',
]);

const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  priority: 'Priority',
  due_date: 'Due date',
  tags: 'Tags',
  project_id: 'Project',
  parent_id: 'Parent task',
  blocked_by: 'Blocked by',
  completed: 'Done',
  deleted: 'Deleted',
};

const KIND_WORDS: Record<string, string> = {
  created: 'created the task',
  updated: 'changed',
  completed: 'completed the task',
  reopened: 'reopened the task',
  deleted: 'deleted the task',
  restored: 'restored the task',
  claimed: 'claimed the task',
  renewed: 'renewed the claim',
  released: 'released the claim',
  lease_expired: 'ended the claim: its lease ran out',
  noted: 'added a note',
};

/** Who made a change, as the timeline says it: the person is "You", agents by their client label. */
export function whoDid(event: Pick<TaskEvent, 'by' | 'by_kind'>): string {
  if (event.by_kind === 'person') return event.by === UI_CLIENT_LABEL ? 'You' : event.by;
  if (event.by_kind === 'system') return 'TaskDesk';
  return event.by;
}

export function whatHappened(event: TaskEvent): string {
  if (event.kind !== 'updated') return KIND_WORDS[event.kind] ?? event.kind;
  const fields = Object.keys(event.changes).filter((field) => field in FIELD_NAMES);
  return `changed ${fields.map((field) => (FIELD_NAMES[field] ?? field).toLowerCase()).join(', ')}`;
}

export interface ChangeLine {
  field: string;
  name: string;
  before: string;
  after: string;
}

/** Each changed field as "old -> new", in words; `names` turns project and task ids into names. */
export function changeLines(event: TaskEvent, names: (field: string, id: string) => string): ChangeLine[] {
  if (event.kind !== 'updated' && event.kind !== 'created') return [];
  const lines = Object.entries(event.changes)
    .filter(([field]) => field in FIELD_NAMES)
    .map(([field, [before, after]]) => ({
      field,
      name: FIELD_NAMES[field] ?? field,
      before: shown(field, before, names),
      after: shown(field, after, names),
    }));
  // A new task's empty fields and its open, undeleted state say nothing worth reading.
  if (event.kind !== 'created') return lines;
  return lines.filter((line) => line.after !== 'none' && line.field !== 'completed' && line.field !== 'deleted');
}

function shown(field: string, value: unknown, names: (field: string, id: string) => string): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value
      .map((item) =>
        typeof item === 'string' ? (field === 'blocked_by' ? names(field, item) : item) : JSON.stringify(item),
      )
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'string') return JSON.stringify(value);
  return field === 'project_id' || field === 'parent_id' ? names(field, value) : value;
}

/** The claim a person's edit ended, if this event ended one: the history says so beside the change. */
export function endedClaim(event: TaskEvent): string | undefined {
  if (event.kind !== 'updated' && event.kind !== 'completed' && event.kind !== 'deleted') return undefined;
  const claim = event.changes.claim;
  if (!claim || claim[1] !== null) return undefined;
  const before = claim[0] as { by?: unknown } | null;
  return typeof before?.by === 'string' ? before.by : undefined;
}

export const canUndo = (event: TaskEvent): boolean =>
  event.kind === 'updated' && Object.keys(event.changes).some((field) => UNDOABLE_FIELDS.has(field));

/** A note's text in a history line, cut to a glance. */
export function notePreview(event: TaskEvent): string | undefined {
  const after = event.changes.note?.[1] as { text?: unknown } | undefined;
  if (typeof after?.text !== 'string') return undefined;
  return after.text.length > 80 ? `${after.text.slice(0, 79)}…` : after.text;
}
