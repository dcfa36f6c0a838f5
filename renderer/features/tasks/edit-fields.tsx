import { useEffect, useRef, type KeyboardEvent } from 'react';
import { FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { PRIORITIES } from '../../../shared/limits';
import { ChoiceSelect } from '../../components/ui/choice-select';
import { capitalize } from '../../lib/text';
import { DueDateField } from './due-date-field';
import type { EditDraft } from './edit-draft';
import { TagsField } from './tags-field';
import type { FieldErrors } from './task-field-errors';

const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: capitalize(value) }));

interface EditFieldsProps {
  draft: EditDraft;
  onChange: (change: Partial<EditDraft>) => void;
  errors: FieldErrors;
  today: string;
  tagSuggestions: readonly string[];
}

/** A title is one line of text however long: Enter saves, and a pasted line break becomes a space. */
function submitOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key !== 'Enter' || event.shiftKey) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
}

/** The edit form's fields, each with its own message in plain words when the shared schema refuses it. */
export function EditFields({ draft, onChange, errors, today, tagSuggestions }: EditFieldsProps) {
  // Opened to be edited: the cursor starts at the end of the title, where a person adds to it.
  const titleRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const title = titleRef.current;
    title?.focus();
    title?.setSelectionRange(title.value.length, title.value.length);
  }, []);
  return (
    <>
      <TextField
        className="task-field"
        value={draft.title}
        onChange={(title) => onChange({ title: title.replace(/\r?\n/g, ' ') })}
        isInvalid={errors.title !== undefined}
      >
        <Label className="task-field-label">Title</Label>
        <TextArea
          ref={titleRef}
          className="text-input task-title-input"
          rows={1}
          dir="auto"
          onKeyDown={submitOnEnter}
        />
        <FieldError className="field-error">{errors.title}</FieldError>
      </TextField>
      <TextField
        className="task-field"
        value={draft.description}
        onChange={(description) => onChange({ description })}
        isInvalid={errors.description !== undefined}
      >
        <Label className="task-field-label">Description</Label>
        <TextArea className="text-input task-textarea" rows={4} dir="auto" />
        <FieldError className="field-error">{errors.description}</FieldError>
      </TextField>
      <ChoiceSelect
        label="Priority"
        value={draft.priority}
        options={PRIORITY_OPTIONS}
        onChange={(priority) => onChange({ priority })}
      />
      <DueDateField
        text={draft.dueText}
        onChange={(dueText) => onChange({ dueText })}
        today={today}
        error={errors.due_date}
      />
      <TagsField
        tags={draft.tags}
        text={draft.tagText}
        onChange={onChange}
        suggestions={tagSuggestions}
        error={errors.tags}
      />
    </>
  );
}
