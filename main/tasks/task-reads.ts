import { COORDINATION_LIMITS } from '../../shared/coordination';
import { getTaskInput, renameProjectInput } from '../../shared/coordination-schemas';
import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/result';
import type { ProjectSummary, Task, TaskDetail, TaskNote, TaskPage } from '../../shared/task';
import { listTasksInput, taskIdInput } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import { validate } from '../../shared/validate';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskRepository } from '../db/task-repository';
import type { TaskEventRow, TaskNoteRow } from '../db/schema/row-types';
import { actorOf, type Actor } from './actor';
import { taskNotFound } from './task-change';
import { toTaskEvent } from './task-history';
import { decodeCursor, encodeCursor, listOrder } from './list-cursor';
import { listFilters } from './list-filters';
import { scopeFilters, sees } from './task-scope';
import { toTasks } from './task-view';

// How many deleted tasks the "Recently deleted" view offers for restoring.
const RECENTLY_DELETED_MAX = 100;

const EMPTY_PAGE: TaskPage = { tasks: [], next_cursor: null };

/** The reads of the task service: one task (alone or with its surroundings), lists, projects. */
/** The tasks a page of history links to: old and new parents and blockers. */
function linkedIds(events: readonly TaskEventRow[]): string[] {
  const ids: string[] = [];
  for (const event of events) {
    for (const field of ['parent_id', 'blocked_by'] as const) {
      for (const side of event.changes[field] ?? []) {
        if (typeof side === 'string') ids.push(side);
        else if (Array.isArray(side)) ids.push(...side.filter((id): id is string => typeof id === 'string'));
      }
    }
  }
  return ids;
}

/** Where a notes_cursor points: the last note of the page before, by time and id. */
function notesBefore(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const at = cursor.indexOf('~');
  return { createdAt: cursor.slice(0, at), id: cursor.slice(at + 1) };
}

export function createTaskReads(deps: {
  tasks: TaskRepository;
  relations: TaskRelationsRepository;
  clock: () => Date;
}) {
  const { tasks, relations, clock } = deps;
  const now = () => clock().toISOString();

  async function get(userId: string, input: unknown, by?: Actor | string): Promise<Result<Task>> {
    const parsed = validate(taskIdInput, input);
    if (!parsed.ok) return parsed;
    const row = await tasks.find(userId, parsed.value.task_id);
    if (!row || !sees(by, row.projectId)) return taskNotFound(parsed.value.task_id);
    return ok((await toTasks(relations, userId, [row], now()))[0] as Task);
  }

  return {
    get,

    /** The user's tasks among `ids` as every edge shows them, deleted or not: what the live feed announces. */
    /** Which tasks each of `blockerIds` blocks: a blocker that closes or opens changes whether they are blocked. */
    dependents(userId: string, blockerIds: readonly string[]): Promise<{ taskId: string; blockerId: string }[]> {
      return relations.dependents(userId, blockerIds);
    },

    async showAll(userId: string, ids: readonly string[]): Promise<Task[]> {
      return toTasks(relations, userId, await tasks.findAll(userId, ids), now());
    },

    /** The task with its open blockers, subtasks, latest notes and a page of its history, newest first. */
    async detail(userId: string, input: unknown, by?: Actor | string): Promise<Result<TaskDetail>> {
      const parsed = validate(getTaskInput, input);
      if (!parsed.ok) return parsed;
      const { task_id: taskId, history_cursor: cursor, notes_cursor: notesCursor } = parsed.value;
      const task = await get(userId, { task_id: taskId }, by);
      if (!task.ok) return task;
      const shown = COORDINATION_LIMITS.eventsShown;
      const subtaskFilters = scopeFilters(by, { status: 'all', parentId: taskId }) ?? {
        status: 'all',
        parentId: taskId,
      };
      const [blockerRows, subtaskRows, notes, events] = await Promise.all([
        relations.blockerIds([taskId]),
        tasks.listByCreated(userId, subtaskFilters, COORDINATION_LIMITS.relatedShown),
        relations.latestNotes(taskId, COORDINATION_LIMITS.notesShown + 1, notesBefore(notesCursor)),
        relations.events(taskId, shown + 1, cursor === undefined ? undefined : Number(cursor)),
      ]);
      const page = events.slice(0, shown);
      const blockerIds = blockerRows.map((edge) => edge.blockerId);
      // Every task this answer names by id, read once: its blockers, and those its history page links to.
      const named = new Set([...blockerIds, ...linkedIds(page)]);
      named.delete(taskId);
      const rows = new Map(
        (await tasks.findAll(userId, [...named])).filter((row) => sees(by, row.projectId)).map((row) => [row.id, row]),
      );
      const ref = (row: { id: string; title: string; completed: boolean }) => ({
        id: row.id,
        title: row.title,
        completed: row.completed,
      });
      const notesPage = notes.slice(0, COORDINATION_LIMITS.notesShown);
      const lastNote = notesPage.at(-1);
      return ok({
        task: task.value,
        open_blockers: blockerIds.flatMap((id) => {
          const row = rows.get(id);
          return row && !row.completed && row.deletedAt === null ? [ref(row)] : [];
        }),
        subtasks: subtaskRows.map(ref),
        notes: notesPage.map(toTaskNote),
        notes_cursor: notes.length > notesPage.length && lastNote ? `${lastNote.createdAt}~${lastNote.id}` : null,
        history: page.map(toTaskEvent),
        history_cursor: events.length > shown ? String(page.at(-1)?.seq) : null,
        mentioned_tasks: [...rows.values()].map(ref),
      });
    },

    async list(userId: string, input: unknown, by: Actor | string = 'unknown client'): Promise<Result<TaskPage>> {
      const parsed = validate(listTasksInput, input);
      if (!parsed.ok) return parsed;
      const query = parsed.value;
      const position = decodeCursor(query);
      if (!position.ok) return position;
      const limit = query.limit ?? LIMITS.pageSizeDefault;
      const at = now();
      const filters = await listFilters(relations, userId, query, by);
      if (!filters) return ok(EMPTY_PAGE);
      if (query.claimed_by === 'me') {
        const actor = actorOf(by);
        filters.claimedBy = { tokenId: actor.tokenId, label: actor.label, now: at };
      }
      const after = position.value;
      // One extra row tells whether another page exists without a count query.
      const order = listOrder(query);
      const rows =
        order === 'ready'
          ? await tasks.listReady(userId, filters, limit + 1, at, after?.sort === 'ready' ? after.at : undefined)
          : order === 'created_at'
            ? await tasks.listByCreated(userId, filters, limit + 1, after?.sort === 'created_at' ? after.at : undefined)
            : await tasks.listByDue(userId, filters, limit + 1, after?.sort === 'due_date' ? after.at : undefined);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        tasks: await toTasks(relations, userId, page, at),
        next_cursor: rows.length > limit && last ? encodeCursor(query, last) : null,
      });
    },

    /** The most recently deleted tasks, for restoring. */
    async listDeleted(userId: string): Promise<Task[]> {
      return toTasks(relations, userId, await tasks.listDeleted(userId, RECENTLY_DELETED_MAX), now());
    },

    countLive: (userId: string): Promise<number> => tasks.countLive(userId),

    /** The current names of these projects of the user (a token's scope, shown by name). */
    async projectNames(userId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
      return (await relations.projectsById(userId, ids)).map((row) => ({ id: row.id, name: row.name }));
    },

    /** Renames a project; its tasks stay in it. Names compare ignoring case, so another project's name is refused. */
    async renameProject(userId: string, input: unknown): Promise<Result<ProjectSummary>> {
      const parsed = validate(renameProjectInput, input);
      if (!parsed.ok) return parsed;
      const { project_id: projectId, name } = parsed.value;
      const key = foldForSearch(name);
      const taken = await relations.projectByKey(userId, key);
      if (taken && taken.id !== projectId) {
        return fail('conflict', `a project named '${taken.name}' already exists; choose another name`);
      }
      const renamed = await relations.renameProject(userId, projectId, name, key, now());
      if (!renamed) return fail('not_found', `no project with id ${projectId}; call list_projects to see them`);
      const counts = (await relations.projectCounts(userId, now())).get(renamed.id);
      return ok({
        id: renamed.id,
        name: renamed.name,
        ...(counts ?? { open: 0, ready: 0, claimed: 0, completed: 0 }),
      });
    },

    /** Every project with its open, ready, claimed and completed counts. */
    async listProjects(userId: string, by?: Actor | string): Promise<ProjectSummary[]> {
      const [projects, counts] = await Promise.all([
        relations.listProjects(userId),
        relations.projectCounts(userId, now()),
      ]);
      return projects
        .filter((project) => sees(by, project.id))
        .map((project) => ({
          id: project.id,
          name: project.name,
          ...(counts.get(project.id) ?? { open: 0, ready: 0, claimed: 0, completed: 0 }),
        }));
    },
  };
}

export function toTaskNote(row: TaskNoteRow): TaskNote {
  return { id: row.id, text: row.text, by: row.authorLabel, by_kind: row.authorKind, created_at: row.createdAt };
}
