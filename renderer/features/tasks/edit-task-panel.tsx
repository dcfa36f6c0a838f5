import { X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Button, Form, Heading } from 'react-aria-components';
import type { Task } from '../../../shared/task';
import { ChangedUnderneath } from './changed-underneath';
import { isDirty } from './edit-draft';
import { EditFields } from './edit-fields';
import { TaskCoordination } from './task-coordination';
import { useEditSession } from './use-edit-session';

interface EditTaskPanelProps {
  /** The task as shown when the panel opened; its version is what the save expects. */
  task: Task;
  today: string;
  tagSuggestions: readonly string[];
  onSaved: (task: Task) => void;
  /** A change saved without closing the panel (project, blockers, a release, an undo). */
  onChanged: (task: Task) => void;
  onClose: () => void;
}

/**
 * A side panel, not a modal: the list beside it keeps updating live while the
 * person edits (full screen on a phone). Closing with unsaved changes asks first.
 */
export function EditTaskPanel({
  task: opened,
  today,
  tagSuggestions,
  onSaved,
  onChanged,
  onClose,
}: EditTaskPanelProps) {
  const session = useEditSession(opened, today, onSaved);
  const [confirming, setConfirming] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  const headingId = useId();
  const dirty = isDirty(session.base, session.draft, today);

  const close = () => {
    if (dirty) setConfirming(true);
    else onClose();
  };
  const keepEditing = () => {
    setConfirming(false);
    panelRef.current?.querySelector('textarea')?.focus();
  };
  // Escape closes wherever the focus is (the list beside, the page), unless a popover or dialog takes it first.
  const onEscape = useRef<() => void>(() => undefined);
  onEscape.current = () => (confirming ? keepEditing() : close());
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      onEscape.current();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  function save(event: SyntheticEvent) {
    event.preventDefault();
    if (session.save() === 'nothing') onClose();
  }

  return (
    <section ref={panelRef} className="task-edit-panel" aria-labelledby={headingId}>
      <header className="task-edit-header">
        <Heading id={headingId} level={2} className="task-edit-title">
          Edit task
        </Heading>
        <Button className="icon-button" aria-label="Close editor" onPress={close}>
          <X size={16} aria-hidden />
        </Button>
      </header>
      {confirming && (
        <div
          className="task-discard"
          role="alertdialog"
          aria-label="Discard changes?"
          aria-describedby={`${headingId}-d`}
        >
          <p id={`${headingId}-d`}>You have unsaved changes to this task. Discard them?</p>
          <div className="task-edit-actions">
            <Button className="button danger" onPress={onClose}>
              Discard changes
            </Button>
            <Button className="button" autoFocus onPress={keepEditing}>
              Keep editing
            </Button>
          </div>
        </div>
      )}
      {session.underneath && (
        <ChangedUnderneath
          underneath={session.underneath}
          draft={session.draft}
          today={today}
          onTakeTheirs={session.takeTheirs}
        />
      )}
      <Form className="task-edit-form" onSubmit={save}>
        <EditFields
          draft={session.draft}
          onChange={session.change}
          errors={session.errors}
          today={today}
          tagSuggestions={tagSuggestions}
        />
        {session.errors.form !== undefined && (
          <p className="field-error" role="alert">
            {session.errors.form}
          </p>
        )}
        <div className="task-edit-actions">
          <Button type="submit" className="button primary" isDisabled={session.saving}>
            {session.underneath ? 'Save mine on top' : 'Save'}
          </Button>
          <Button className="button" onPress={close}>
            Cancel
          </Button>
        </div>
      </Form>
      <TaskCoordination
        task={session.base}
        onChanged={(task) => {
          session.adopt(task);
          onChanged(task);
        }}
      />
    </section>
  );
}
