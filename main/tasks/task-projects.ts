import { createProjectInput } from '../../shared/coordination-schemas';
import { fail, ok, type Result } from '../../shared/result';
import type { ProjectSummary } from '../../shared/task';
import { foldForSearch } from '../../shared/text-rules';
import { validate } from '../../shared/validate';
import type { TaskWrites } from '../db/task-writes';

const EMPTY_COUNTS = { open: 0, ready: 0, claimed: 0, completed: 0 };

/**
 * Projects made on their own (the UI), beside the creation on
 * first use that add_task and update_task do. Names stay unique per user
 * ignoring case, as ensureProject matches them.
 */
export function createTaskProjects(deps: { writes: TaskWrites; clock: () => Date; newId: () => string }) {
  const { writes, clock, newId } = deps;
  const taken = (name: string) => fail('conflict', `a project named '${name}' already exists; choose another name`);

  return {
    /** The user's projects under these names, each created on first use as add_task does (a token's scope). */
    async ensureProjects(userId: string, names: readonly string[]): Promise<{ id: string; name: string }[]> {
      const rows = await writes.transaction(async (scope) => {
        const ensured = [];
        for (const name of names) {
          ensured.push(await scope.ensureProject(userId, name, foldForSearch(name), newId(), clock().toISOString()));
        }
        return ensured;
      });
      return rows.map((row) => ({ id: row.id, name: row.name }));
    },

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
  };
}
