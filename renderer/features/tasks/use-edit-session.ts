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

/** A newer version of the task than the draft was started from, and who made it (when known). */
export interface Underneath {
  task: Task;
  by: string | undefined;
}

/**
 * One editing session: the version the draft started from (`base`), the
 * draft, and any newer version seen meanwhile (`underneath`), from a live
 * event or from a save that met a conflict. The draft is never thrown away
 * for it: saving sends only what the person changed, on top of the newer
 * version; "use theirs" is the person's choice.
 */
export function useEditSession(opened: Task, today: string, onSaved: (task: Task) => void) {
  const api = useApi();
  const [base, setBase] = useState(opened);
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(opened));
  const [underneath, setUnderneath] = useState<Underneath>();
  const [errors, setErrors] = useState<FieldErrors>({});

  const seeNewer = (task: Task, by: string | undefined) =>
    setUnderneath((previous) => (task.version > (previous?.task.version ?? base.version) ? { task, by } : previous));

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
    saving.mutate({ fields, version: (underneath?.task ?? base).version });
    return 'sent';
  }

  function change(next: Partial<EditDraft>) {
    setDraft((previous) => ({ ...previous, ...next }));
    // A field's message goes once the person changes that field; the form's, on any change.
    const touched = new Set<string>(Object.keys(next).map((key) => FIELD_OF[key as keyof EditDraft]));
    setErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([field]) => field !== 'form' && !touched.has(field))),
    );
  }

  /** Drops the draft for the newer version, as the person asked. */
  function takeTheirs() {
    if (!underneath) return;
    setBase(underneath.task);
    setDraft(draftOf(underneath.task));
    setUnderneath(undefined);
    setErrors({});
  }

  return { base, draft, change, underneath, errors, save, saving: saving.isPending, takeTheirs };
}
