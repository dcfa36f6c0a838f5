import { API_PATHS } from '../../../shared/api';
import { fail, ok, type Result } from '../../../shared/result';
import { PERSON } from '../../tasks/actor';
import type { TaskService } from '../../tasks/task-service';
import { asObject, route, type ApiReply, type ApiRequest, type ApiRoute } from './api-route';

const reply = <T>(result: Result<T>, wrap: (value: T) => unknown, status = 200): ApiReply => ({
  result: result.ok ? ok(wrap(result.value)) : result,
  status: result.ok ? status : undefined,
});

/** A JSON object body plus path ids; anything but an object is refused. */
async function bodyWith(request: ApiRequest, ids: Record<string, string>): Promise<Record<string, unknown> | ApiReply> {
  const body = await request.body();
  if (!body) return 'handled';
  const fields = asObject(body.value);
  if (!fields) return { result: fail('validation_error', 'the body must be a JSON object') };
  return { ...fields, ...ids };
}

const isReply = (value: Record<string, unknown> | ApiReply): value is ApiReply =>
  value === 'handled' || 'result' in value;

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
      const input = await bodyWith(request, {});
      if (isReply(input)) return input;
      return reply(await tasks.createProject(request.userId, input), (project) => ({ project }), 201);
    }),
    route('PATCH', API_PATHS.project, async (request) => {
      const input = await bodyWith(request, { project_id: request.params.id ?? '' });
      if (isReply(input)) return input;
      return reply(await tasks.renameProject(request.userId, input), (project) => ({ project }));
    }),
    route('GET', API_PATHS.taskDetail, async ({ userId, params, query }) => {
      const cursor = query.get('history_cursor');
      const input = { task_id: params.id, ...(cursor === null ? {} : { history_cursor: cursor }) };
      return reply(await tasks.detail(userId, input), (detail) => detail);
    }),
    route('POST', API_PATHS.taskNotes, async (request) => {
      const input = await bodyWith(request, { task_id: request.params.id ?? '' });
      if (isReply(input)) return input;
      return reply(await tasks.addNote(request.userId, input, PERSON), (note) => ({ note }), 201);
    }),
    route('POST', API_PATHS.releaseTask, async (request) => {
      const input = await bodyWith(request, { task_id: request.params.id ?? '' });
      if (isReply(input)) return input;
      return reply(await tasks.release(request.userId, input, PERSON), (task) => ({ task }));
    }),
    route('POST', API_PATHS.undoTaskEvent, async (request) => {
      const input = await bodyWith(request, { task_id: request.params.id ?? '' });
      if (isReply(input)) return input;
      return reply(await tasks.undo(request.userId, input, PERSON), (task) => ({ task }));
    }),
  ];
}
