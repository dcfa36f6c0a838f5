import { failureCode, plainFailure } from '../../lib/error-message';

/**
 * The UI's own words for the refusals of the panel's coordination actions.
 * The server's messages are written for models; these are for the person.
 */
export function blockerFailure(reason: unknown): string {
  if (failureCode(reason) === 'conflict' && reason instanceof Error && /cycle/.test(reason.message)) {
    const loop = [...reason.message.matchAll(/'([^']*)'/g)].map((match) => match[1]).join(' → ');
    return `That would make a loop: ${loop}. Each of these would wait for the other, so none could start. Remove one of those blockers first.`;
  }
  if (failureCode(reason) === 'not_found') return 'That task no longer exists; it may have been deleted.';
  return linkFailure(reason);
}

export function linkFailure(reason: unknown): string {
  if (failureCode(reason) === 'validation_error' && reason instanceof Error) {
    if (/subtask\(s\)/.test(reason.message)) {
      return 'This task has subtasks, and a task shares its project with them: move or detach the subtasks first.';
    }
    if (/nest at most/.test(reason.message)) return 'Subtasks nest at most 5 levels deep; pick a parent higher up.';
    if (/another project|no project/.test(reason.message)) {
      return 'A subtask must be in its parent’s project; move this task to that project first.';
    }
  }
  if (failureCode(reason) === 'conflict' && reason instanceof Error && /own subtask/.test(reason.message)) {
    return 'That task is one of this task’s subtasks; a task cannot sit under its own subtask.';
  }
  return plainFailure(reason);
}

export function undoFailure(reason: unknown): string {
  if (failureCode(reason) === 'conflict') {
    return 'This change can’t be undone: the task was changed again afterwards. Undo the newer change first.';
  }
  return linkFailure(reason);
}
