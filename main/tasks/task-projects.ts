import { createProjectInput, renameProjectInput } from '../../shared/coordination-schemas';
import { fail, ok, type Result } from '../../shared/result';
import type { ProjectSummary } from '../../shared/task';
import { foldForSearch } from '../../shared/text-rules';
import { validate } from '../../shared/validate';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskWrites } from '../db/task-writes';

const EMPTY_COUNTS = { open: 0, ready: 0, claimed: 0, completed: 0 };

/**
 * Projects made and renamed on their own (the UI), beside the creation on
 * first use that add_task and update_task do. Names stay unique per user
 * ignoring case, as ensureProject matches them.
 */
export function createTaskProjects(deps: {
  writes: TaskWrites;
  relations: TaskRelationsRepository;
  clock: () => Date;
  newId: () => string;
}) {
  const { writes, relations, clock, newId } = deps;
  const taken = (name: string) =>
    fail('conflict', `a project named '${name}' already exists; names are unique ignoring case`);

  return {
    async createProject(userId: string, input: unknown): Promise<Result<ProjectSummary>> {
      const parsed = validate(createProjectInput, input);
      if (!parsed.ok) return parsed;
      const { name } = parsed.value;
      const key = foldForSearch(name);
      const result = await writes.transaction(async (scope) => {
        const id = newId();
        const row = await scope.ensureProject(userId, name, key, id, clock().toISOString());
        return row.id === id ? ok(row) : taken(row.name);
      });
      return result.ok ? ok({ id: result.value.id, name: result.value.name, ...EMPTY_COUNTS }) : result;
    },

    /** Renaming keeps the project's id, so its tasks follow. */
    async renameProject(userId: string, input: unknown): Promise<Result<{ id: string; name: string }>> {
      const parsed = validate(renameProjectInput, input);
      if (!parsed.ok) return parsed;
      const { project_id: id, name } = parsed.value;
      const key = foldForSearch(name);
      const other = await relations.projectByKey(userId, key);
      if (other && other.id !== id) return taken(other.name);
      const row = await relations.renameProject(userId, id, name, key, clock().toISOString());
      if (!row) return fail('not_found', `no project with id ${id}; call list_projects to see them`);
      return ok({ id: row.id, name: row.name });
    },
  };
}
