import { API_PATHS } from '../../../shared/api';
import { ok, type Result } from '../../../shared/result';
import { PERSON } from '../../tasks/actor';
import type { TaskService } from '../../tasks/task-service';
import { bodyWith, route, type ApiReply, type ApiRoute } from './api-route';

const reply = <T>(result: Result<T>, wrap: (value: T) => unknown, status = 200): ApiReply => ({
  result: result.ok ? ok(wrap(result.value)) : result,
  status: result.ok ? status : undefined,
});

/**
 * The UI's coordination routes (projects, a task's surroundings, notes,
 * releasing a claim, undo): each parses, calls the same task service the MCP
 * tools call, acting as the person, and shapes the answer.
 */
export function coordinationRoutes(tasks: TaskService): ApiRoute[] {
  return [
    route('GET', API_PATHS.projects, async ({ userId }) => ({
      result: ok({ projects: await tasks.listProjects(userId) }),
    })),
    route('POST', API_PATHS.projects, async (request) => {
      const input = bodyWith(request, {});
      if (!input.ok) return { result: input };
      return reply(await tasks.createProject(request.userId, input.value), (project) => ({ project }), 201);
    }),
    route('PATCH', API_PATHS.project, async (request) => {
      const input = bodyWith(request, { project_id: request.params.id ?? '' });
      if (!input.ok) return { result: input };
      return reply(await tasks.renameProject(request.userId, input.value), (project) => ({ project }));
    }),
    route('GET', API_PATHS.taskDetail, async ({ userId, params, query }) => {
      const cursors = ['history_cursor', 'notes_cursor'].flatMap((name) => {
        const cursor = query.get(name);
        return cursor === null ? [] : [[name, cursor] as const];
      });
      const input = { task_id: params.id, ...Object.fromEntries(cursors) };
      return reply(await tasks.detail(userId, input), (detail) => detail);
    }),
    route('POST', API_PATHS.taskNotes, async (request) => {
      const input = bodyWith(request, { task_id: request.params.id ?? '' });
      if (!input.ok) return { result: input };
      return reply(await tasks.addNote(request.userId, input.value, PERSON), (note) => ({ note }), 201);
    }),
    route('POST', API_PATHS.releaseTask, async (request) => {
      const input = bodyWith(request, { task_id: request.params.id ?? '' });
      if (!input.ok) return { result: input };
      return reply(await tasks.release(request.userId, input.value, PERSON), (task) => ({ task }));
    }),
    route('POST', API_PATHS.undoTaskEvent, async (request) => {
      const input = bodyWith(request, { task_id: request.params.id ?? '' });
      if (!input.ok) return { result: input };
      return reply(await tasks.undo(request.userId, input.value, PERSON), (task) => ({ task }));
    }),
  ];
}
