import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { foldForSearch } from '../../shared/text-rules';
import { createTaskRelationsRepository } from '../db/task-relations-repository';
import { createTaskWrites } from '../db/task-writes';
import { createUserRepository } from '../db/user-repository';
import { openTestDatabase, type DatabaseTarget, type TestDatabase } from '../testing/database-targets';
import type { Actor } from './actor';
import { scopedWrites } from './task-scope';

/**
 * The last line of a scoped token's project check, inside the transaction:
 * the name was checked before it began, but by the time the transaction reads
 * it the person may have renamed the allowed project and given a new one its
 * old name. Whatever the name then means, a task never lands outside the scope.
 */
export function describeTaskScopeContract(target: DatabaseTarget): void {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(() => database.cleanup());

  it('refuses, as a conflict that changes nothing, a project name that has come to mean a project outside the scope', async () => {
    const user = `user-${randomUUID()}`;
    await createUserRepository(database.handle).ensure(user, user);
    const writes = createTaskWrites(database.handle);
    const relations = createTaskRelationsRepository(database.handle);
    const now = new Date().toISOString();
    const allowed = await writes.transaction((scope) =>
      scope.ensureProject(user, 'Docs', foldForSearch('Docs'), randomUUID(), now),
    );
    const agent: Actor = {
      kind: 'agent',
      label: 'Claude Code',
      tokenId: null,
      scope: { projectIds: [allowed.id], readOnly: false },
    };
    const scoped = scopedWrites(writes, agent);

    const inside = await scoped.transaction(async (scope) => ({
      ok: true as const,
      value: await scope.ensureProject(user, 'docs', foldForSearch('docs'), randomUUID(), now),
    }));
    expect(inside.value.id).toBe(allowed.id);

    const outside = await scoped.transaction(async (scope) => ({
      ok: true as const,
      value: await scope.ensureProject(user, 'Elsewhere', foldForSearch('Elsewhere'), randomUUID(), now),
    }));
    expect(outside).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(JSON.stringify(outside)).toContain('list_projects');
    // Rolled back with the refusal: the project the name would have created does not exist.
    expect(await relations.projectByKey(user, foldForSearch('Elsewhere'))).toBeUndefined();
  });
}
