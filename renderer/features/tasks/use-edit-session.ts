import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Task } from '../../../shared/task';
import { updateTaskInput } from '../../../shared/task-schemas';
import { useApi } from '../../lib/api-context';
import { failureCode, plainFailure } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { changedFields, draftOf, type EditDraft } from './edit-draft';
import { taskFieldErrors, type FieldErrors, type TaskField } from './task-field-errors';

const FIELD_OF: Record<keyof EditDraft, TaskField> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  dueText: 'due_date',
  tags: 'tags',
  tagText: 'tags',
};

/** A newer version of the task than the draft was started from, who made it (when known), and what it replaced. */
export interface Underneath {
  task: Task;
  by: string | undefined;
  /** The version the person started from, to say what changed since. */
  before: Task;
}

interface Session {
  /** The version a save expects: the newest seen. */
  base: Task;
  draft: EditDraft;
  underneath: Underneath | undefined;
}

/**
 * Moves the draft onto a newer version: fields the person has not touched
 * take the new values, the ones they changed keep their own.
 */
function rebase(session: Session, task: Task, by: string | undefined): Session {
  if (task.version <= session.base.version) return session;
  const was = draftOf(session.base);
  const now = draftOf(task);
  const draft = { ...session.draft };
  for (const key of Object.keys(was) as (keyof EditDraft)[]) {
    if (JSON.stringify(draft[key]) === JSON.stringify(was[key])) Object.assign(draft, { [key]: now[key] });
  }
  // Only a change to a field the form edits is worth a notice; a new project or blocker is shown where it is.
  const formFieldsChanged = JSON.stringify(was) !== JSON.stringify(now) || task.deleted_at !== null;
  if (!formFieldsChanged) return { ...session, base: task, draft };
  return { base: task, draft, underneath: { task, by, before: session.underneath?.before ?? session.base } };
}

/**
 * One editing session. A newer version seen meanwhile (from a live event, or
 * from a save that met a conflict) becomes the base: the draft keeps what the
 * person changed, takes the rest from the newer version, and the panel says
 * what changed. Saving then sends only the person's changes, on top; "use
 * theirs" drops them, as the person chooses.
 */
export function useEditSession(opened: Task, today: string, onSaved: (task: Task) => void) {
  const api = useApi();
  const [session, setSession] = useState<Session>(() => ({
    base: opened,
    draft: draftOf(opened),
    underneath: undefined,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { base, draft, underneath } = session;
  const seeNewer = (task: Task, by: string | undefined) => setSession((current) => rebase(current, task, by));

  useLiveEvent((event) => {
    if (event.name === 'task' && event.data.task.id === base.id) seeNewer(event.data.task, event.data.by);
  });

  const saving = useMutation({
    mutationFn: ({ fields, version }: { fields: ReturnType<typeof changedFields>; version: number }) =>
      api.updateTask(base.id, { ...fields, expected_version: version }),
    onSuccess: onSaved,
    onError: async (failure) => {
      if (failureCode(failure) !== 'conflict') {
        setErrors({ form: plainFailure(failure) });
        return;
      }
      // Changed by someone else: fetch it as it is now and show it beside the draft, which stays.
      try {
        seeNewer(await api.getTask(base.id), undefined);
      } catch (reason) {
        setErrors({ form: plainFailure(reason) });
      }
    },
  });

  function save(): 'nothing' | 'sent' | 'invalid' {
    const fields = changedFields(base, draft, today);
    if (Object.keys(fields).length === 0) return 'nothing';
    const found = taskFieldErrors(updateTaskInput, { task_id: base.id, ...fields });
    setErrors(found);
    if (Object.keys(found).length > 0) return 'invalid';
    saving.mutate({ fields, version: base.version });
    return 'sent';
  }

  function change(next: Partial<EditDraft>) {
    setSession((current) => ({ ...current, draft: { ...current.draft, ...next } }));
    // A field's message goes once the person changes that field; the form's, on any change.
    const touched = new Set<string>(Object.keys(next).map((key) => FIELD_OF[key as keyof EditDraft]));
    setErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([field]) => field !== 'form' && !touched.has(field))),
    );
  }

  /** Drops the draft for the newer version, as the person asked. */
  function takeTheirs() {
    setSession((current) => ({ base: current.base, draft: draftOf(current.base), underneath: undefined }));
    setErrors({});
  }

  /** A change saved from the panel's other parts (links, undo): the new base, with no notice. */
  const adopt = (task: Task) =>
    setSession((current) => ({ ...rebase(current, task, undefined), underneath: current.underneath }));

  return { base, draft, change, underneath, errors, save, saving: saving.isPending, takeTheirs, adopt };
}
