import { useCallback, useMemo, useState } from 'react';
import type { LiveEventMap } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { useLiveEvent } from '../../lib/live-events';
import { AddTaskInput } from './add-task-input';
import { DeletedTasksView } from './deleted-tasks-view';
import { ErrorBanner } from '../../components/ui/error-banner';
import { EditTaskPanel } from './edit-task-panel';
import { DEFAULT_FILTERS, type TaskFilters } from './task-filters';
import { useToday } from './task-dates';
import { TaskListBody } from './task-list-body';
import { TaskToolbar } from './task-toolbar';
import { UndoToast } from './undo-toast';
import { useChangedRows } from './use-changed-rows';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useFrameBatch } from '../../lib/use-frame-batch';
import { useTaskActions } from './use-task-actions';
import { useTaskList } from './use-task-list';
import './tasks.css';

const TYPING_DEBOUNCE_MS = 200;

/** Debounces what is typed; choices from lists apply at once. */
function useFilters() {
  const [draft, setDraft] = useState<TaskFilters>(DEFAULT_FILTERS);
  const query = useDebouncedValue(draft.query, TYPING_DEBOUNCE_MS);
  const tag = useDebouncedValue(draft.tag, TYPING_DEBOUNCE_MS);
  const { status, priority, sort } = draft;
  const filters = useMemo(() => ({ status, priority, sort, query, tag }), [status, priority, sort, query, tag]);
  const change = useCallback((next: Partial<TaskFilters>) => setDraft((previous) => ({ ...previous, ...next })), []);
  // Clearing shows every task: the default Open filter is itself what hides completed ones.
  const clear = useCallback(
    () => setDraft((previous) => ({ ...DEFAULT_FILTERS, status: 'all', sort: previous.sort })),
    [],
  );
  return { draft, filters, change, clear };
}

export function TasksView() {
  const { draft, filters, change, clear } = useFilters();
  const list = useTaskList(filters);
  const actions = useTaskActions(list.applyChange);
  const { changed, markChanged } = useChangedRows();
  const today = useToday();
  const [editing, setEditing] = useState<Task>();
  const [showDeleted, setShowDeleted] = useState(false);

  const applyLive = useFrameBatch((changes: LiveEventMap['task'][]) => {
    for (const taskChange of changes) {
      list.applyChange(taskChange.task);
      markChanged(taskChange);
    }
  });
  useLiveEvent((event) => {
    if (event.name === 'task') applyLive(event.data);
  });

  const saved = useCallback(
    (task: Task) => {
      list.applyChange(task);
      setEditing(undefined);
    },
    [list],
  );

  return (
    <div className="tasks-view">
      <div className="tasks-main">
        <AddTaskInput onAdded={list.applyChange} />
        <TaskToolbar filters={draft} onChange={change} showDeleted={showDeleted} onShowDeletedChange={setShowDeleted} />
        {actions.error !== undefined && <ErrorBanner message={actions.error} onDismiss={actions.clearError} />}
        {showDeleted ? (
          <DeletedTasksView onRestore={actions.restore} />
        ) : (
          <TaskListBody
            list={list}
            onClearFilters={clear}
            today={today}
            changed={changed}
            onComplete={actions.complete}
            onEdit={setEditing}
            onDelete={actions.remove}
          />
        )}
      </div>
      {editing && (
        <EditTaskPanel key={editing.id} task={editing} onSaved={saved} onClose={() => setEditing(undefined)} />
      )}
      <UndoToast undoable={actions.undoable} onUndo={actions.undo} onDismiss={actions.dismissUndo} />
    </div>
  );
}
