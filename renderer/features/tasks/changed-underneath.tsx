import { Button } from 'react-aria-components';
import { UI_CLIENT_LABEL } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { relativeDay } from '../../lib/dates';
import { capitalize } from '../../lib/text';
import { changedFields, type EditDraft } from './edit-draft';
import type { Underneath } from './use-edit-session';

type Field = 'title' | 'description' | 'priority' | 'due_date' | 'tags';

const FIELDS: readonly { field: Field; name: string }[] = [
  { field: 'title', name: 'Title' },
  { field: 'description', name: 'Description' },
  { field: 'priority', name: 'Priority' },
  { field: 'due_date', name: 'Due date' },
  { field: 'tags', name: 'Tags' },
];

function shown(task: Task, field: Field, today: string): string {
  const value = task[field];
  if (field === 'due_date') return value === null ? 'no due date' : relativeDay(String(value), today);
  if (field === 'tags') return task.tags.length === 0 ? 'no tags' : task.tags.join(', ');
  if (field === 'priority') return capitalize(task.priority);
  return value === null || value === '' ? '(empty)' : String(value);
}

const who = (by: string | undefined) =>
  by === undefined ? 'Someone' : by === UI_CLIENT_LABEL ? 'You, elsewhere,' : by;

interface ChangedUnderneathProps {
  underneath: Underneath;
  draft: EditDraft;
  today: string;
  onTakeTheirs: () => void;
}

/**
 * Says that the task changed while the person was editing, and what: each
 * changed field as it is now, with the person's own value where they changed
 * it too. Their draft stays; saving puts their changes on top.
 */
export function ChangedUnderneath({ underneath, draft, today, onTakeTheirs }: ChangedUnderneathProps) {
  const { task, before } = underneath;
  const mine = changedFields(task, draft, today);
  if (task.deleted_at !== null) {
    return (
      <div className="task-underneath" role="status">
        <p className="task-underneath-title">{who(underneath.by)} deleted this task while you were editing it.</p>
        <p>Restore it from Recently deleted to save your changes; what you typed stays here until you close this.</p>
      </div>
    );
  }
  const changed = FIELDS.filter(({ field }) => shown(before, field, today) !== shown(task, field, today));
  return (
    <div className="task-underneath" role="status">
      <p className="task-underneath-title">{who(underneath.by)} changed this task while you were editing it.</p>
      {changed.length > 0 && (
        <dl className="task-underneath-fields">
          {changed.map(({ field, name }) => (
            <div key={field} className="task-underneath-field">
              <dt>{name}</dt>
              <dd dir="auto">
                Now: {shown(task, field, today)}
                {field in mine && <span className="task-underneath-mine"> · yours is kept below and saved on top</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p>Your changes are kept. Saving applies them on top of this version.</p>
      <Button className="button" onPress={onTakeTheirs}>
        Discard mine, use this version
      </Button>
    </div>
  );
}
