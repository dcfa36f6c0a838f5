import { fail, ok, type Result } from '../../shared/result';
import type { UpdateTask } from '../../shared/task-schemas';
import { foldForSearch } from '../../shared/text-rules';
import type { TaskRow } from '../db/task-repository';
import type { TaskColumns, TaskLink, TaskWriteScope } from '../db/task-writes';
import type { ChangePlan } from './task-change';
import { checkBlockers, checkParent } from './task-links';

type UpdateFields = Omit<UpdateTask, 'task_id' | 'expected_version'>;

/** The plain field edits of an update, as columns. */
export function updateChanges(fields: UpdateFields): TaskColumns {
  const changes: TaskColumns = {};
  if (fields.title !== undefined) changes.title = fields.title;
  if (fields.description !== undefined) changes.description = fields.description;
  if (fields.priority !== undefined) changes.priority = fields.priority;
  if (fields.due_date !== undefined) changes.dueDate = fields.due_date;
  if (fields.tags !== undefined) changes.tags = fields.tags;
  return changes;
}

/**
 * Plans an update inside its transaction: field edits, the project (created
 * on first use), the parent and the blockers, each checked against the
 * rules in task-links.ts. A task and its subtasks share a project, so a task
 * with subtasks keeps its project until they move.
 */
export async function planUpdate(input: {
  row: TaskRow;
  scope: TaskWriteScope;
  now: string;
  fields: UpdateFields;
  newProjectId: () => string;
}): Promise<Result<ChangePlan | 'unchanged'>> {
  const { row, scope, now, fields } = input;
  const columns = updateChanges(fields);
  let projectId = row.projectId;
  if (fields.project !== undefined) {
    projectId =
      fields.project === null
        ? null
        : (
            await scope.ensureProject(
              row.userId,
              fields.project,
              foldForSearch(fields.project),
              input.newProjectId(),
              now,
            )
          ).id;
    if (projectId !== row.projectId) columns.projectId = projectId;
  }
  const movesProject = projectId !== row.projectId;
  if (movesProject || fields.parent_id !== undefined || fields.blocked_by !== undefined) {
    await scope.lockGraph(row.userId);
  }
  if (movesProject) {
    const children = await scope.children([row.id]);
    if (children.length > 0) {
      return fail(
        'validation_error',
        `task ${row.id} has ${children.length} subtask(s); a task and its subtasks share a project, so move or detach them (update_task parent_id: null) first`,
      );
    }
  }
  const parentId = fields.parent_id === undefined ? row.parentId : fields.parent_id;
  if (parentId !== null && (fields.parent_id !== undefined || movesProject)) {
    const checked = await checkParent(scope, row.userId, { id: row.id, projectId, isNew: false }, parentId);
    if (!checked.ok) return checked;
  }
  if (parentId !== row.parentId) columns.parentId = parentId;
  let blockers: TaskLink[] | undefined;
  if (fields.blocked_by !== undefined) {
    const ids = fields.blocked_by ?? [];
    const checked = await checkBlockers(scope, row.userId, row.id, ids);
    if (!checked.ok) return checked;
    const current = (await scope.blockerEdges([row.id])).map((edge) => edge.blockerId).sort();
    if (JSON.stringify(current) !== JSON.stringify([...ids].sort())) blockers = checked.value;
  }
  if (!changesAnything(row, columns) && !blockers) return ok('unchanged');
  return ok({ kind: 'updated', columns, blockers, bumpsVersion: true });
}

/** Whether applying `columns` to `row` would change anything; a no-op keeps the version. */
function changesAnything(row: TaskRow, columns: TaskColumns): boolean {
  return Object.entries(columns).some(([field, value]) => {
    const current = row[field as keyof TaskRow];
    return Array.isArray(value) ? JSON.stringify(value) !== JSON.stringify(current) : value !== current;
  });
}
