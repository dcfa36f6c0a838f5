import type { Task } from '../../shared/task';
import type { ListedTask } from '../db/task-repository';
import type { TaskRelationsRepository } from '../db/task-relations-repository';
import { liveClaim } from './actor';

/** What a task shows that lives beside its row: its project's name, blockers and subtask counts. */
export interface TaskSurroundings {
  project: string | null;
  blockedBy: string[];
  subtasks: { open: number; total: number };
}

const ALONE: TaskSurroundings = { project: null, blockedBy: [], subtasks: { open: 0, total: 0 } };

/** The stored row as every edge shows it; internal columns stay inside. */
export function toTask(row: ListedTask, surroundings: TaskSurroundings = ALONE, now = new Date().toISOString()): Task {
  const claim = liveClaim(row, now);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    completed_at: row.completedAt,
    priority: row.priority,
    due_date: row.dueDate,
    tags: row.tags,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    deleted_at: row.deletedAt,
    project: surroundings.project,
    parent_id: row.parentId,
    blocked: row.openBlockers > 0,
    blocked_by: surroundings.blockedBy,
    claim: claim ? { by: claim.label, expires_at: claim.expiresAt } : null,
    subtasks: surroundings.subtasks,
  };
}

/** Shows a page of rows, reading their surroundings in three batched queries. */
export async function toTasks(
  relations: TaskRelationsRepository,
  userId: string,
  rows: readonly ListedTask[],
  now: string,
): Promise<Task[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const projectIds = [...new Set(rows.flatMap((row) => (row.projectId ? [row.projectId] : [])))];
  const [projects, edges, counts] = await Promise.all([
    relations.projectsById(userId, projectIds),
    relations.blockerIds(ids),
    relations.subtaskCounts(ids),
  ]);
  const names = new Map(projects.map((project) => [project.id, project.name]));
  const blockers = new Map<string, string[]>();
  for (const edge of edges) blockers.set(edge.taskId, [...(blockers.get(edge.taskId) ?? []), edge.blockerId]);
  return rows.map((row) =>
    toTask(
      row,
      {
        project: row.projectId ? (names.get(row.projectId) ?? null) : null,
        blockedBy: blockers.get(row.id) ?? [],
        subtasks: counts.get(row.id) ?? { open: 0, total: 0 },
      },
      now,
    ),
  );
}
