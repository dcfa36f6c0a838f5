import { undoEventInput } from '../../shared/coordination-schemas';
import { fail, type Result } from '../../shared/result';
import type { Task } from '../../shared/task';
import { validate } from '../../shared/validate';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskEventRow } from '../db/schema/row-types';
import type { Actor } from './actor';

/** The history fields an undo puts back, with the update_task field each maps to. */
const UNDOABLE: Record<string, string> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  due_date: 'due_date',
  tags: 'tags',
  project_id: 'project',
  parent_id: 'parent_id',
  blocked_by: 'blocked_by',
};

/** How many newer events an undo looks through before giving up; a task rarely has more. */
const NEWER_EVENTS_MAX = 500;

type Update = (userId: string, input: unknown, by: Actor) => Promise<Result<Task>>;

/**
 * Undo of one field change: the inverse update, run through update_task's own
 * rules (cycles, nesting, claims) and applied only at `expected_version`. It
 * is refused when a newer event changed any of the same fields, since putting
 * the old value back would silently discard that newer change. The claim a
 * person's edit ended is not restored.
 */
export function createTaskUndo(deps: { relations: TaskRelationsRepository; update: Update }) {
  const { relations, update } = deps;

  return {
    async undo(userId: string, input: unknown, by: Actor): Promise<Result<Task>> {
      const parsed = validate(undoEventInput, input);
      if (!parsed.ok) return parsed;
      const { task_id: taskId, seq, expected_version: expectedVersion } = parsed.value;
      const [event, ...newer] = await relations.eventsFrom(userId, taskId, seq, NEWER_EVENTS_MAX + 1);
      if (!event || event.seq !== seq) return fail('not_found', `task ${taskId} has no history event ${seq}`);
      const fields = Object.keys(event.changes).filter((field) => field in UNDOABLE);
      if (event.kind !== 'updated' || fields.length === 0) {
        return fail('validation_error', `event ${seq} is a ${event.kind} event; only a change of fields can be undone`);
      }
      if (newer.length > NEWER_EVENTS_MAX) {
        return fail('conflict', `task ${taskId} changed too often since event ${seq} to undo it safely`);
      }
      const clash = newer.find((later) => fields.some((field) => field in later.changes));
      if (clash) return newerChange(taskId, seq, clash, fields);
      const inverse: Record<string, unknown> = { task_id: taskId, expected_version: expectedVersion };
      for (const field of fields) {
        const before = (event.changes[field] as [unknown, unknown])[0];
        inverse[UNDOABLE[field] as string] = field === 'project_id' ? await projectName(before) : before;
      }
      return update(userId, inverse, by);

      async function projectName(id: unknown): Promise<string | null> {
        if (typeof id !== 'string') return null;
        const [project] = await relations.projectsById(userId, [id]);
        return project?.name ?? null;
      }
    },
  };
}

function newerChange(taskId: string, seq: number, clash: TaskEventRow, fields: string[]) {
  const touched = fields.filter((field) => field in clash.changes).join(', ');
  return fail(
    'conflict',
    `cannot undo event ${seq} of task ${taskId}: ${clash.actorLabel} changed ${touched} again at ${clash.createdAt} (event ${clash.seq}); undo that first`,
  );
}
