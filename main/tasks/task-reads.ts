import { COORDINATION_LIMITS } from '../../shared/coordination';
import { getTaskInput } from '../../shared/coordination-schemas';
import { LIMITS } from '../../shared/limits';
import { ok, type Result } from '../../shared/result';
import type { ProjectSummary, Task, TaskDetail, TaskNote, TaskPage } from '../../shared/task';
import { listTasksInput, taskIdInput } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import { validate } from '../../shared/validate';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskFilters, TaskRepository } from '../db/task-repository';
import type { TaskNoteRow } from '../db/schema/row-types';
import { actorOf, type Actor } from './actor';
import { taskNotFound } from './task-change';
import { toTaskEvent } from './task-history';
import { decodeCursor, encodeCursor, listOrder } from './list-cursor';
import { toTasks } from './task-view';

// How many deleted tasks the "Recently deleted" view offers for restoring.
const RECENTLY_DELETED_MAX = 100;

const EMPTY_PAGE: TaskPage = { tasks: [], next_cursor: null };

/** The reads of the task service: one task (alone or with its surroundings), lists, projects. */
export function createTaskReads(deps: {
  tasks: TaskRepository;
  relations: TaskRelationsRepository;
  clock: () => Date;
}) {
  const { tasks, relations, clock } = deps;
  const now = () => clock().toISOString();

  async function get(userId: string, input: unknown): Promise<Result<Task>> {
    const parsed = validate(taskIdInput, input);
    if (!parsed.ok) return parsed;
    const row = await tasks.find(userId, parsed.value.task_id);
    if (!row) return taskNotFound(parsed.value.task_id);
    return ok((await toTasks(relations, userId, [row], now()))[0] as Task);
  }

  return {
    get,

    /** The task with its open blockers, subtasks, latest notes and a page of its history, newest first. */
    async detail(userId: string, input: unknown): Promise<Result<TaskDetail>> {
      const parsed = validate(getTaskInput, input);
      if (!parsed.ok) return parsed;
      const { task_id: taskId, history_cursor: cursor } = parsed.value;
      const task = await get(userId, { task_id: taskId });
      if (!task.ok) return task;
      const shown = COORDINATION_LIMITS.eventsShown;
      const [blockerRows, subtaskRows, notes, events] = await Promise.all([
        relations.blockerIds([taskId]),
        tasks.listByCreated(userId, { status: 'all', parentId: taskId }, COORDINATION_LIMITS.relatedShown),
        relations.latestNotes(taskId, COORDINATION_LIMITS.notesShown),
        relations.events(taskId, shown + 1, cursor === undefined ? undefined : Number(cursor)),
      ]);
      const blockers = await Promise.all(blockerRows.map((edge) => tasks.find(userId, edge.blockerId)));
      const ref = (row: { id: string; title: string; completed: boolean }) => ({
        id: row.id,
        title: row.title,
        completed: row.completed,
      });
      const page = events.slice(0, shown);
      return ok({
        task: task.value,
        open_blockers: blockers.flatMap((row) => (row && !row.completed ? [ref(row)] : [])),
        subtasks: subtaskRows.map(ref),
        notes: notes.map(toTaskNote),
        history: page.map(toTaskEvent),
        history_cursor: events.length > shown ? String(page.at(-1)?.seq) : null,
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
      const filters: TaskFilters = {
        status: query.status ?? 'open',
        query: query.query,
        tag: query.tag,
        priority: query.priority,
        dueBefore: query.due_before,
        dueAfter: query.due_after,
        parentId: query.parent_id,
      };
      if (query.project !== undefined) {
        const project = await relations.projectByKey(userId, foldForSearch(query.project));
        if (!project) return ok(EMPTY_PAGE);
        filters.projectId = project.id;
      }
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

    /** Every project with its open, ready, claimed and completed counts. */
    async listProjects(userId: string): Promise<ProjectSummary[]> {
      const [projects, counts] = await Promise.all([
        relations.listProjects(userId),
        relations.projectCounts(userId, now()),
      ]);
      return projects.map((project) => ({
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
