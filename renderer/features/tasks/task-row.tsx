import { AlertTriangle, CalendarClock, Check, ChevronRight, CornerDownRight, Pencil, Trash2 } from 'lucide-react';
import { memo, type CSSProperties } from 'react';
import { Button, CheckboxButton, CheckboxField } from 'react-aria-components';
import { UI_CLIENT_LABEL, type TaskChangeKind } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { longDate, relativeDay } from '../../lib/dates';
import { dueState } from './task-dates';
import { TaskStateBadges } from './task-state-badges';
import type { RowChange } from './use-changed-rows';

export interface TaskRowActions {
  onComplete: (task: Task, completed: boolean) => void;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
}

/** Where a row sits in a nested list, in props a memoised row can compare. */
export interface RowTree {
  depth: number;
  /** Whether the row has a disclosure control: some of its subtasks are in the list. */
  hasSubtasks: boolean;
  expanded: boolean;
  /** Its ancestors' titles, outermost first, for a subtask whose parent the filters leave out. */
  path: readonly string[] | undefined;
  onToggle: ((task: Task, expand: boolean) => void) | undefined;
}

interface TaskRowProps extends TaskRowActions, Partial<RowTree> {
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
 * One task in the list's slot for it: the box, the title, then due date,
 * priority and tags in fixed columns (a second line on a phone). Its controls
 * are out of the Tab order: the list is one Tab stop, and keys act on the row.
 * Titles, tags and labels are agent-supplied: rendered as text only.
 */
export const TaskRow = memo(function TaskRow({
  task,
  today,
  change,
  depth = 0,
  hasSubtasks = false,
  expanded = false,
  path,
  onToggle,
  ...actions
}: TaskRowProps) {
  const classes = ['task-row', task.completed ? 'is-completed' : '', change ? 'is-changed' : ''];
  return (
    <div className={classes.join(' ')} style={depth > 0 ? ({ '--depth': depth } as CSSProperties) : undefined}>
      {onToggle &&
        (hasSubtasks ? (
          <Button
            className="icon-button task-disclosure"
            aria-label={`Subtasks of ${task.title}`}
            aria-expanded={expanded}
            excludeFromTabOrder
            onPress={() => onToggle(task, !expanded)}
          >
            <ChevronRight size={16} aria-hidden />
          </Button>
        ) : (
          <span className="task-disclosure" aria-hidden />
        ))}
      {/* Only the box completes: the title opens the task, as in every task app people know. */}
      <CheckboxField
        className="task-check"
        aria-label={task.title}
        isSelected={task.completed}
        excludeFromTabOrder
        onChange={(completed) => actions.onComplete(task, completed)}
      >
        <CheckboxButton className="task-check-button">
          <span className="task-checkbox" aria-hidden="true">
            <Check size={12} strokeWidth={3} />
          </span>
        </CheckboxButton>
      </CheckboxField>
      <Button className="task-title-button" excludeFromTabOrder onPress={() => actions.onEdit(task)}>
        <span className="task-title" dir="auto">
          {task.title}
        </span>
        {path !== undefined && <ParentPath path={path} where="title" />}
      </Button>
      <span className="task-meta">
        {path !== undefined && <ParentPath path={path} where="meta" />}
        <TaskStateBadges task={task} />
        <DueLabel task={task} today={today} />
        <span className="task-priority">
          {task.priority !== 'none' && <span className={`task-label priority-${task.priority}`}>{task.priority}</span>}
        </span>
        <TagLabels tags={task.tags} />
        {/* Always there, empty when nothing changed: every row's columns then line up. */}
        <span className="task-changed-by" dir="auto">
          {change && `${CHANGE_WORDS[change.change]} by ${change.by === UI_CLIENT_LABEL ? 'you' : change.by}`}
        </span>
      </span>
      <span className="task-actions">
        <Button
          className="icon-button task-action task-edit-action"
          aria-label={`Edit ${task.title}`}
          excludeFromTabOrder
          onPress={() => actions.onEdit(task)}
        >
          <Pencil size={16} aria-hidden />
        </Button>
        <Button
          className="icon-button task-action danger"
          aria-label={`Delete ${task.title}`}
          excludeFromTabOrder
          onPress={() => actions.onDelete(task)}
        >
          <Trash2 size={16} aria-hidden />
        </Button>
      </span>
    </div>
  );
});

/**
 * "in <parent>" for a subtask listed without its parent; the whole path is in
 * its tooltip. Beside the title on a laptop, on the second line on a phone
 * (the stylesheet shows one of the two).
 */
function ParentPath({ path, where }: { path: readonly string[]; where: 'title' | 'meta' }) {
  return (
    <span className={`task-path in-${where}`} title={`Subtask of ${path.join(' › ')}`}>
      <CornerDownRight size={12} aria-hidden />
      <span className="task-path-text" dir="auto">
        in {path.at(-1)}
      </span>
    </span>
  );
}

/** Due state in words as well as colour, then the date as a person says it ("Tomorrow", "Friday", "24 Dec"). */
function DueLabel({ task, today }: { task: Task; today: string }) {
  if (task.due_date === null) return <span className="task-due" />;
  const state = dueState(task, today);
  return (
    <span className={`task-due ${state}`} title={`Due ${longDate(task.due_date)}`}>
      {state === 'overdue' && <AlertTriangle size={12} aria-hidden />}
      {state === 'today' && <CalendarClock size={12} aria-hidden />}
      {state === 'overdue' && <span className="task-due-state">Overdue</span>}
      {state === 'today' ? (
        <span className="task-due-state">Due today</span>
      ) : (
        <span className="task-due-date">{relativeDay(task.due_date, today)}</span>
      )}
    </span>
  );
}

const MAX_TAGS_SHOWN = 2;

function TagLabels({ tags }: { tags: string[] }) {
  const extra = tags.length - MAX_TAGS_SHOWN;
  return (
    <span className="task-tags">
      {tags.slice(0, MAX_TAGS_SHOWN).map((tag) => (
        <span key={tag} className="task-tag" dir="auto">
          {tag}
        </span>
      ))}
      {extra > 0 && (
        <span className="task-tag" title={tags.slice(MAX_TAGS_SHOWN).join(', ')}>
          +{extra}
        </span>
      )}
    </span>
  );
}
