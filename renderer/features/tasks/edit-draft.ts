import type { Priority } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import type { UpdateTaskInput } from '../../../shared/task-schemas';
import { foldForSearch } from '../../../shared/text-rules';

/** The edit form's fields as typed. */
export interface EditDraft {
  title: string;
  description: string;
  priority: Priority;
  dueDate: string;
  tags: string;
}

export type TaskFieldChanges = Omit<UpdateTaskInput, 'task_id' | 'expected_version'>;

export function draftOf(task: Task): EditDraft {
  return {
    title: task.title,
    description: task.description ?? '',
    priority: task.priority,
    dueDate: task.due_date ?? '',
    tags: task.tags.join(', '),
  };
}

export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const normalizeDescription = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/**
 * Only the fields the person changed, so an edit never overwrites a field an
 * agent changed meanwhile. Emptied description and due date become null,
 * which clears them; values are compared in the form the server stores.
 */
export function changedFields(task: Task, draft: EditDraft): TaskFieldChanges {
  const changes: TaskFieldChanges = {};
  if (draft.title.trim() !== task.title) changes.title = draft.title;
  const description = normalizeDescription(draft.description);
  if (description !== (task.description ?? '')) changes.description = description === '' ? null : draft.description;
  if (draft.priority !== task.priority) changes.priority = draft.priority;
  const dueDate = draft.dueDate.trim();
  if (dueDate !== (task.due_date ?? '')) changes.due_date = dueDate === '' ? null : dueDate;
  const tags = parseTags(draft.tags);
  if (tags.map(foldForSearch).join('\n') !== task.tags.join('\n')) changes.tags = tags;
  return changes;
}
