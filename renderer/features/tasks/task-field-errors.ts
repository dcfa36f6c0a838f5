import type { z } from 'zod';
import { LIMITS } from '../../../shared/limits';
import { codePointLength, findTextProblem, foldForSearch } from '../../../shared/text-rules';

export type TaskField = 'title' | 'description' | 'due_date' | 'tags' | 'priority';
export type FieldErrors = Partial<Record<TaskField | 'form', string>>;

const CANNOT_SAVE = 'has a character that cannot be saved; remove it.';

function textWords(name: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (findTextProblem(name, text, { allowTabAndNewline: name === 'description' })) return `The ${name} ${CANNOT_SAVE}`;
  const length = codePointLength(text);
  if (length === 0) return 'Give the task a title.';
  return `The ${name} can be at most ${max} characters; this one has ${length}.`;
}

function tagWords(value: unknown): string {
  const tags = Array.isArray(value) ? value.map(String) : [];
  if (tags.length > LIMITS.tagsMax)
    return `A task can have at most ${LIMITS.tagsMax} tags; this one has ${tags.length}.`;
  const long = tags.find((tag) => codePointLength(foldForSearch(tag.trim())) > LIMITS.tagMax);
  if (long !== undefined) return `The tag “${long}” is too long: a tag can be at most ${LIMITS.tagMax} characters.`;
  const bad = tags.find((tag) => findTextProblem('tag', tag) !== undefined);
  if (bad !== undefined) return `A tag ${CANNOT_SAVE}`;
  return 'Each tag can be used once; remove the repeated one.';
}

/** Plain words for one field the shared schema refused; the schema decides, these only explain. */
function wordsFor(field: TaskField, value: unknown): string {
  switch (field) {
    case 'title':
      return textWords('title', value, LIMITS.titleMax);
    case 'description':
      return textWords('description', value, LIMITS.descriptionMax);
    case 'due_date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value))
        ? `There is no such date as ${String(value)}.`
        : `“${String(value)}” is not a date TaskDesk understands. Type today, tomorrow, a weekday or a date such as 24 Dec, or pick one from the calendar.`;
    case 'tags':
      return tagWords(value);
    case 'priority':
      return 'Choose a priority from the list.';
  }
}

const FIELDS: readonly TaskField[] = ['title', 'description', 'due_date', 'tags', 'priority'];
const isTaskField = (key: string): key is TaskField => (FIELDS as readonly string[]).includes(key);

/**
 * Checks `input` with the shared schema (the one the server and agents use)
 * and puts each problem on its field, in words for a person. Empty when valid.
 */
export function taskFieldErrors(schema: z.ZodType, input: Record<string, unknown>): FieldErrors {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (isTaskField(field)) errors[field] ??= wordsFor(field, input[field]);
    else errors.form ??= 'TaskDesk could not accept this task. Check the fields and try again.';
  }
  return errors;
}
