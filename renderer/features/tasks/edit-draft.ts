import type { Priority } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import type { UpdateTaskInput } from '../../../shared/task-schemas';
import { foldForSearch } from '../../../shared/text-rules';
import { parseDateWords } from '../../lib/date-words';

/** The edit form's fields as typed; the due date stays words ("friday") until saved. */
export interface EditDraft {
  title: string;
  description: string;
  priority: Priority;
  dueText: string;
  /** Chips, folded as stored. */
  tags: string[];
  /** Typed in the tag box and not yet a chip; saved all the same. */
  tagText: string;
}

export type TaskFieldChanges = Omit<UpdateTaskInput, 'task_id' | 'expected_version'>;

export function draftOf(task: Task): EditDraft {
  return {
    title: task.title,
    description: task.description ?? '',
    priority: task.priority,
    dueText: task.due_date ?? '',
    tags: [...task.tags],
    tagText: '',
  };
}

/**
 * `tags` with the comma-separated `text` added, each folded as the server
 * stores tags (so "Work" and "work" are one tag) and kept once.
 */
export function mergeTags(tags: readonly string[], text: string): string[] {
  const merged = [...tags];
  for (const part of text.split(',')) {
    const tag = foldForSearch(part.trim());
    if (tag !== '' && !merged.includes(tag)) merged.push(tag);
  }
  return merged;
}

/** The due date the words stand for: null when empty, undefined when they are not a date. */
export function dueDateOf(draft: Pick<EditDraft, 'dueText'>, today: string): string | null | undefined {
  const text = draft.dueText.trim();
  return text === '' ? null : parseDateWords(text, today, { abbreviations: true });
}

const normalizeDescription = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/**
 * Only the fields the person changed, so an edit never overwrites a field an
 * agent changed meanwhile. Emptied description and due date become null,
 * which clears them; values are compared in the form the server stores.
 * A due date whose words are not a date is sent as typed, for the schema to refuse.
 */
export function changedFields(task: Task, draft: EditDraft, today: string): TaskFieldChanges {
  const changes: TaskFieldChanges = {};
  if (draft.title.trim() !== task.title) changes.title = draft.title;
  const description = normalizeDescription(draft.description);
  if (description !== (task.description ?? '')) changes.description = description === '' ? null : draft.description;
  if (draft.priority !== task.priority) changes.priority = draft.priority;
  const due = dueDateOf(draft, today);
  if (due === undefined) changes.due_date = draft.dueText.trim();
  else if (due !== task.due_date) changes.due_date = due;
  const tags = mergeTags(draft.tags, draft.tagText);
  if (tags.join('\n') !== task.tags.join('\n')) changes.tags = tags;
  return changes;
}

/** Whether the person has typed anything that saving would send. */
export const isDirty = (task: Task, draft: EditDraft, today: string): boolean =>
  Object.keys(changedFields(task, draft, today)).length > 0;
