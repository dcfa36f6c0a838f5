import { X } from 'lucide-react';
import { useId, useState, type SyntheticEvent } from 'react';
import { Button, Form, Heading, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { PRIORITIES } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { updateTaskInput } from '../../../shared/task-schemas';
import { validate } from '../../../shared/validate';
import { useApi } from '../../lib/api-context';
import { ApiError } from '../../lib/api-client';
import { ChoiceSelect } from '../../components/ui/choice-select';
import { changedFields, draftOf, type EditDraft } from './edit-draft';
import { errorMessage } from '../../lib/error-message';
import { capitalize } from '../../lib/text';

const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: capitalize(value) }));

interface EditTaskPanelProps {
  /** The task as shown when the panel opened; its version is what the save expects. */
  task: Task;
  onSaved: (task: Task) => void;
  onClose: () => void;
}

/** A side panel, not a modal: the list beside it keeps updating live while the person edits. */
export function EditTaskPanel({ task: opened, onSaved, onClose }: EditTaskPanelProps) {
  const api = useApi();
  const [base, setBase] = useState(opened);
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(opened));
  const [error, setError] = useState<{ message: string; conflict: boolean }>();
  const fail = (failure: unknown) =>
    setError({ message: errorMessage(failure), conflict: failure instanceof ApiError && failure.code === 'conflict' });
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const set = (change: Partial<EditDraft>) => setDraft((previous) => ({ ...previous, ...change }));

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const fields = changedFields(base, draft);
    if (Object.keys(fields).length === 0) {
      onClose();
      return;
    }
    const request = { ...fields, expected_version: base.version };
    const checked = validate(updateTaskInput, { task_id: base.id, ...request });
    if (!checked.ok) {
      setError({ message: checked.error.message, conflict: false });
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.updateTask(base.id, request));
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  }

  /** After a conflict: start again from the task as it is now, keeping nothing typed. */
  async function reload() {
    try {
      const latest = await api.getTask(base.id);
      setBase(latest);
      setDraft(draftOf(latest));
      setError(undefined);
    } catch (failure) {
      fail(failure);
    }
  }

  return (
    <section
      className="task-edit-panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="task-edit-header">
        <Heading id={headingId} level={2} className="task-edit-title">
          Edit task
        </Heading>
        <span className="task-edit-version">version {base.version}</span>
        <Button className="icon-button" aria-label="Close editor" onPress={onClose}>
          <X size={14} aria-hidden />
        </Button>
      </header>
      <Form className="task-edit-form" onSubmit={(event) => void save(event)}>
        <EditFields draft={draft} onChange={set} />
        {error !== undefined && (
          <div className="task-field-error" role="alert">
            <p>{error.message}</p>
            {error.conflict && (
              <Button className="button" onPress={() => void reload()}>
                Load latest version
              </Button>
            )}
          </div>
        )}
        <div className="task-edit-actions">
          <Button type="submit" className="button primary" isDisabled={busy}>
            Save
          </Button>
          <Button className="button" onPress={onClose}>
            Cancel
          </Button>
        </div>
      </Form>
    </section>
  );
}

function EditFields({ draft, onChange }: { draft: EditDraft; onChange: (change: Partial<EditDraft>) => void }) {
  return (
    <>
      <TextField className="task-field" value={draft.title} onChange={(title) => onChange({ title })}>
        <Label className="task-field-label">Title</Label>
        <Input className="text-input task-input" autoFocus />
      </TextField>
      <TextField className="task-field" value={draft.description} onChange={(description) => onChange({ description })}>
        <Label className="task-field-label">Description</Label>
        <TextArea className="text-input task-input task-textarea" rows={5} />
      </TextField>
      <ChoiceSelect
        label="Priority"
        value={draft.priority}
        options={PRIORITY_OPTIONS}
        onChange={(priority) => onChange({ priority })}
      />
      <TextField className="task-field" value={draft.dueDate} onChange={(dueDate) => onChange({ dueDate })}>
        <Label className="task-field-label">Due date</Label>
        <Input className="text-input task-input" placeholder="YYYY-MM-DD" />
        <Text slot="description" className="task-field-hint">
          YYYY-MM-DD; leave empty for no due date.
        </Text>
      </TextField>
      <TextField className="task-field" value={draft.tags} onChange={(tags) => onChange({ tags })}>
        <Label className="task-field-label">Tags</Label>
        <Input className="text-input task-input" />
        <Text slot="description" className="task-field-hint">
          Separated by commas.
        </Text>
      </TextField>
    </>
  );
}
