import { fail, ok, type Result } from '../../shared/result';
import { foldForSearch } from '../../shared/text-rules';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import type { TaskFilters } from '../db/task-repository';
import type { TaskLink, TaskWrites, TaskWriteScope } from '../db/task-writes';
import type { Actor } from './actor';

/**
 * What a token may do: which projects it sees (by id, so a rename keeps the
 * scope; null for all of the user's) and whether it may write. The person in
 * the UI, the CLI and stdio clients are unscoped.
 */
export interface TokenScope {
  projectIds: readonly string[] | null;
  readOnly: boolean;
}

export const UNSCOPED: TokenScope = { projectIds: null, readOnly: false };

const scopeOf = (actor: Actor | string | undefined): TokenScope =>
  typeof actor === 'object' ? (actor.scope ?? UNSCOPED) : UNSCOPED;

/** Whether a task in `projectId` is visible to `actor`: outside its projects a task answers like a missing one. */
export function sees(actor: Actor | string | undefined, projectId: string | null): boolean {
  const { projectIds } = scopeOf(actor);
  return projectIds === null || (projectId !== null && projectIds.includes(projectId));
}

/** The refusal of a write by a read-only token, or undefined when the actor may write. */
export function readOnlyRefusal(actor: Actor | string | undefined): Result<never> | undefined {
  if (!scopeOf(actor).readOnly) return undefined;
  const label = typeof actor === 'object' ? actor.label : 'this client';
  return fail(
    'forbidden',
    `the token of ${label} is read-only: it may list and read tasks but not change anything. Ask the person to create a token without --read-only for writing`,
  );
}

type Write = (userId: string, input: unknown, by: Actor | string) => Promise<Result<unknown>>;

/** The `names` methods of `service`, each refusing a read-only token before it reads or writes anything. */
export function refuseReadOnly<S, K extends keyof S>(service: S, names: readonly K[]): Pick<S, K> {
  const guarded = names.map((name) => {
    const write = service[name] as unknown as Write;
    const gate: Write = async (userId, input, by) => readOnlyRefusal(by) ?? write(userId, input, by);
    return [name, gate];
  });
  return Object.fromEntries(guarded) as Pick<S, K>;
}

/** A list's filters narrowed to the actor's projects; undefined when the named project is outside them (an empty list). */
export function scopeFilters(actor: Actor | string | undefined, filters: TaskFilters): TaskFilters | undefined {
  const { projectIds } = scopeOf(actor);
  if (projectIds === null) return filters;
  if (filters.projectId !== undefined) return projectIds.includes(filters.projectId) ? filters : undefined;
  return { ...filters, projectIds };
}

const HIDDEN_TITLE = "(a task outside this token's projects)";

/**
 * A project name checked against the scope before the transaction can name
 * another project by the time the transaction reads it (the person renamed
 * the allowed one and gave a new project its old name). The transaction is
 * rolled back and the caller told to try again.
 */
class ProjectLeftScope extends Error {}

const PROJECT_LEFT_SCOPE = fail(
  'conflict',
  "the project was renamed while this change was made, and the name now belongs to a project outside this token's scope; nothing was changed. Call list_projects and try again",
);

/**
 * The write scope as `actor` may see it. Tasks outside its projects are
 * missing to lockTask and lockLinks, so every change, claim, note, parent and
 * blocker check answers not_found for them exactly as for a missing id; where
 * a rule must still count them (open blockers, ancestors) their titles are
 * masked so no message leaks them. Every task write goes through this.
 */
export function scopedWrites(writes: TaskWrites, actor: Actor | string | undefined): TaskWrites {
  const { projectIds } = scopeOf(actor);
  if (projectIds === null) return writes;
  const visible = (row: { projectId: string | null }) => row.projectId !== null && projectIds.includes(row.projectId);
  const mask = <T extends TaskLink>(links: T[]): T[] =>
    links.map((link) => (visible(link) ? link : { ...link, title: HIDDEN_TITLE }));
  return {
    // Every caller's transaction answers a Result, so the refusal is one of its answers.
    transaction: <T>(body: (scope: TaskWriteScope) => Promise<T>): Promise<T> =>
      writes
        .transaction((scope) =>
          body({
            ...scope,
            ensureProject: async (...args) => {
              const project = await scope.ensureProject(...args);
              if (!projectIds.includes(project.id)) throw new ProjectLeftScope();
              return project;
            },
            lockTask: async (userId, id, which) => {
              const row = await scope.lockTask(userId, id, which);
              return row && visible(row) ? row : undefined;
            },
            lockLinks: async (userId, ids) => (await scope.lockLinks(userId, ids)).filter(visible),
            links: async (userId, ids) => mask(await scope.links(userId, ids)),
            openBlockers: async (taskId, limit) => mask(await scope.openBlockers(taskId, limit)),
            openSubtasks: async (parentId, limit) => mask(await scope.openSubtasks(parentId, limit)),
            lockNextReady: (userId, ids) =>
              scope.lockNextReady(userId, ids?.filter((id) => projectIds.includes(id)) ?? projectIds),
          } satisfies TaskWriteScope),
        )
        .catch((error: unknown) => {
          if (error instanceof ProjectLeftScope) return PROJECT_LEFT_SCOPE as T;
          throw error;
        }),
  };
}

/**
 * Where a scoped token's new or moved task goes. Left out on add_task, a
 * token with one project uses it; a project outside its scope, or none at
 * all, is refused naming the projects it may use (whether the named project
 * exists is not said). Undefined: leave the project as the caller gave it.
 */
export async function placeInScope(
  relations: TaskRelationsRepository,
  userId: string,
  actor: Actor | string | undefined,
  project: string | null | undefined,
  adding: { parentId: string | undefined } | undefined,
): Promise<Result<string | null | undefined>> {
  const { projectIds } = scopeOf(actor);
  if (projectIds === null) return ok(project);
  const allowed = await relations.projectsById(userId, projectIds);
  const names = allowed.map((row) => `'${row.name}'`).join(', ');
  if (project === undefined) {
    if (!adding || adding.parentId !== undefined) return ok(undefined);
    if (allowed.length === 1) return ok(allowed[0]?.name);
    return fail('validation_error', `this token may add tasks only in the projects ${names}; pass project`);
  }
  if (project === null) {
    return fail(
      'validation_error',
      `this token may not take a task out of its projects (${names}); project must be one of them`,
    );
  }
  const key = foldForSearch(project);
  const match = allowed.find((row) => row.nameKey === key);
  if (match) return ok(project);
  return fail('validation_error', `this token may use only the projects ${names}; '${project}' is not one of them`);
}

/** The project a read names, if the actor may see it; otherwise undefined, like a project that does not exist. */
export async function visibleProject(
  relations: TaskRelationsRepository,
  userId: string,
  actor: Actor | string | undefined,
  name: string,
) {
  const project = await relations.projectByKey(userId, foldForSearch(name));
  return project && sees(actor, project.id) ? project : undefined;
}
