import type { TaskSort } from '../../shared/limits';
import { compareBySort } from '../../shared/task-order';
import type { TreeKey } from '../db/task-repository';

/** One row of a list in tree order. */
export interface TreeRow {
  id: string;
  depth: number;
  /** Its subtasks among the matching tasks, shown or collapsed. */
  children: number;
  /** Whether it is a subtask whose parent the filters left out (it then sits at the top level). */
  orphan: boolean;
}

/**
 * The matching tasks in tree order: each task, then its matching subtasks
 * depth first, siblings in the list's sort order. A subtask whose parent does
 * not match stands at the top level (the UI names its parent beside it), so a
 * filter never hides a task it lets through. The subtasks of a collapsed task
 * are left out, so positions and the total count the rows shown.
 */
export function treeOrder(keys: readonly TreeKey[], sort: TaskSort, collapsed: ReadonlySet<string>): TreeRow[] {
  const present = new Set(keys.map((key) => key.id));
  const roots: TreeKey[] = [];
  const children = new Map<string, TreeKey[]>();
  for (const key of keys) {
    if (key.parentId !== null && present.has(key.parentId)) {
      const siblings = children.get(key.parentId);
      if (siblings) siblings.push(key);
      else children.set(key.parentId, [key]);
    } else {
      roots.push(key);
    }
  }
  const compare = compareBySort(sort, (key: TreeKey) => key);
  roots.sort(compare);
  for (const siblings of children.values()) siblings.sort(compare);

  const rows: TreeRow[] = [];
  // Depth first without recursion; nesting is bounded (5 levels), but a stack keeps that an assumption, not a need.
  const stack = roots.toReversed().map((key) => ({ key, depth: 0 }));
  while (stack.length > 0) {
    const { key, depth } = stack.pop() as { key: TreeKey; depth: number };
    const below = children.get(key.id) ?? [];
    rows.push({ id: key.id, depth, children: below.length, orphan: depth === 0 && key.parentId !== null });
    if (collapsed.has(key.id)) continue;
    for (let index = below.length - 1; index >= 0; index--)
      stack.push({ key: below[index] as TreeKey, depth: depth + 1 });
  }
  return rows;
}
