import { API_PATHS } from '../../../shared/api';
import { PERSON } from '../../tasks/actor';
import { ok, type Result } from '../../../shared/result';
import type { Task } from '../../../shared/task';
import type { TaskService } from '../../tasks/task-service';
import type { TaskWindows } from '../../tasks/task-windows';
import { bodyWith, route, type ApiReply, type ApiRoute } from './api-route';

const single = (result: Result<Task>, status = 200): ApiReply => ({
  result: result.ok ? ok({ task: result.value }) : result,
  status: result.ok ? status : undefined,
});

/** Query strings carry text; the one numeric filter is converted so the schema judges the number. */
function listQuery(query: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = Object.fromEntries(query);
  if (typeof input.limit === 'string' && /^\d{1,6}$/.test(input.limit)) input.limit = Number(input.limit);
  return input;
}

/** The UI's task routes: each parses, calls the one task service, and shapes the answer. */
export function taskRoutes(tasks: TaskService, windows: TaskWindows): ApiRoute[] {
  return [
    route('GET', API_PATHS.tasks, async ({ userId, query }) => ({
      result: await tasks.list(userId, listQuery(query)),
    })),
    route('POST', API_PATHS.tasks, async (request) => {
      return single(await tasks.add(request.userId, request.body, PERSON), 201);
    }),
    route('GET', API_PATHS.deletedTasks, async ({ userId }) => ({
      result: ok({ tasks: await tasks.listDeleted(userId), next_cursor: null }),
    })),
    route('GET', API_PATHS.taskWindow, async ({ userId, query }) => ({
      result: await windows(userId, Object.fromEntries(query)),
    })),
    route('GET', API_PATHS.task, async ({ userId, params }) => single(await tasks.get(userId, { task_id: params.id }))),
    route('PATCH', API_PATHS.task, async (request) => {
      const input = bodyWith(request, { task_id: request.params.id ?? '' });
      return input.ok ? single(await tasks.update(request.userId, input.value, PERSON)) : { result: input };
    }),
    route('POST', API_PATHS.completeTask, async (request) => {
      const input = bodyWith(request, { task_id: request.params.id ?? '' });
      return input.ok ? single(await tasks.complete(request.userId, input.value, PERSON)) : { result: input };
    }),
    route('DELETE', API_PATHS.task, async ({ userId, params }) =>
      single(await tasks.delete(userId, { task_id: params.id }, PERSON)),
    ),
    route('POST', API_PATHS.restoreTask, async ({ userId, params }) =>
      single(await tasks.restore(userId, { task_id: params.id }, PERSON)),
    ),
  ];
}
