import { AlertTriangle, CalendarClock, Check, Pencil, Trash2 } from 'lucide-react';
import { memo } from 'react';
import { Button, CheckboxButton, CheckboxField } from 'react-aria-components';
import { UI_CLIENT_LABEL, type TaskChangeKind } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { dueState } from './task-dates';
import type { RowChange } from './use-changed-rows';

export interface TaskRowActions {
  onComplete: (task: Task, completed: boolean) => void;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
}

interface TaskRowProps extends TaskRowActions {
  task: Task;
  today: string;
  change: RowChange | undefined;
}

const CHANGE_WORDS: Record<TaskChangeKind, string> = {
  added: 'Added',
  updated: 'Edited',
  completed: 'Completed',
  reopened: 'Reopened',
  deleted: 'Deleted',
  restored: 'Restored',
};

/**
 * One task on one fixed-height line, inside the list's slot for it.
 * Titles, tags and labels are agent-supplied: rendered as text only.
 */
export const TaskRow = memo(function TaskRow({ task, today, change, ...actions }: TaskRowProps) {
  const classes = ['task-row', task.completed ? 'is-completed' : '', change ? 'is-changed' : ''];
  return (
    <div className={classes.join(' ')}>
      {/* Only the box completes: the title opens the task, as in every task app people know. */}
      <CheckboxField
        className="task-check"
        aria-label={task.title}
        isSelected={task.completed}
        onChange={(completed) => actions.onComplete(task, completed)}
      >
        <CheckboxButton className="task-check-button">
          <span className="task-checkbox" aria-hidden="true">
            <Check size={12} strokeWidth={3} />
          </span>
        </CheckboxButton>
      </CheckboxField>
      <Button className="task-title-button" onPress={() => actions.onEdit(task)}>
        <span className="task-title" dir="auto">
          {task.title}
        </span>
      </Button>
      <TaskLabels task={task} today={today} />
      {change && (
        <span className="task-changed-by">
          {CHANGE_WORDS[change.change]} by {change.by === UI_CLIENT_LABEL ? 'you' : change.by}
        </span>
      )}
      <Button
        className="icon-button task-action"
        aria-label={`Edit ${task.title}`}
        onPress={() => actions.onEdit(task)}
      >
        <Pencil size={14} aria-hidden />
      </Button>
      <Button
        className="icon-button task-action danger"
        aria-label={`Delete ${task.title}`}
        onPress={() => actions.onDelete(task)}
      >
        <Trash2 size={14} aria-hidden />
      </Button>
    </div>
  );
});

const MAX_TAGS_SHOWN = 3;

/** Due state in words as well as colour, priority, and the first few tags. */
function TaskLabels({ task, today }: { task: Task; today: string }) {
  const due = dueState(task, today);
  const extraTags = task.tags.length - MAX_TAGS_SHOWN;
  return (
    <span className="task-labels">
      {due === 'overdue' && (
        <span className="task-label overdue">
          <AlertTriangle size={12} aria-hidden /> Overdue
        </span>
      )}
      {due === 'today' && (
        <span className="task-label due-today">
          <CalendarClock size={12} aria-hidden /> Due today
        </span>
      )}
      {task.due_date !== null && <span className="task-due">{task.due_date}</span>}
      {task.priority !== 'none' && <span className={`task-label priority-${task.priority}`}>{task.priority}</span>}
      {task.tags.slice(0, MAX_TAGS_SHOWN).map((tag) => (
        <span key={tag} className="task-tag">
          {tag}
        </span>
      ))}
      {extraTags > 0 && <span className="task-tag">+{extraTags}</span>}
    </span>
  );
}
