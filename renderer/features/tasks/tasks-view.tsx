import { useCallback, useRef, useState } from 'react';
import type { TaskChange } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { ErrorBanner } from '../../components/ui/error-banner';
import { useToday } from '../../lib/dates';
import { useLiveEvent } from '../../lib/live-events';
import { useShortcuts } from '../../lib/shortcuts';
import { useFrameBatch } from '../../lib/use-frame-batch';
import { useIsNarrow } from '../../lib/use-media-query';
import { AddTaskInput } from './add-task-input';
import { DeletedTasksView } from './deleted-tasks-view';
import { EditTaskPanel } from './edit-task-panel';
import { ProjectList } from './project-list';
import { ShortcutsDialog } from './shortcuts-dialog';
import type { TaskListHandle } from './task-list';
import { TaskListBody } from './task-list-body';
import { TaskToolbar } from './task-toolbar';
import { UndoToast } from './undo-toast';
import { useChangedRows } from './use-changed-rows';
import { useCollapsed } from './use-collapsed';
import { useFilters } from './use-filters';
import { useTagSuggestions } from './use-tag-suggestions';
import { useTaskActions } from './use-task-actions';
import { useRequestedTask } from './use-requested-task';
import { useTaskList } from './use-task-list';
import './tasks.css';

const countText = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function TasksView() {
  const { draft, filters, change, clear } = useFilters();
  const { collapsed, setCollapsed } = useCollapsed();
  const list = useTaskList(filters, collapsed);
  const actions = useTaskActions(list.applyChange);
  const { changed, markChanged } = useChangedRows();
  const today = useToday();
  const [editing, setEditing] = useState<Task>();
  const tagSuggestions = useTagSuggestions(list.rows, editing !== undefined);
  const [showDeleted, setShowDeleted] = useState(false);
  const [deletedCount, setDeletedCount] = useState<number>();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const listRef = useRef<TaskListHandle>(null);
  const addRef = useRef<HTMLInputElement>(null);
  const narrow = useIsNarrow();
  const selectProject = useCallback((project: string) => change({ project }), [change]);
  const searchRef = useRef<HTMLInputElement>(null);

  const { applyChange } = list;
  const addedHere = useCallback((task: Task) => applyChange(task, 'new'), [applyChange]);
  const applyLive = useFrameBatch((changes: TaskChange[]) => {
    for (const taskChange of changes) {
      const isNew = taskChange.change === 'added' || taskChange.change === 'restored';
      list.applyChange(taskChange.task, isNew ? 'new' : 'other');
      markChanged(taskChange);
    }
  });
  useLiveEvent((event) => {
    if (event.name === 'task') applyLive(event.data);
  });

  // Focus goes back to the row the editor was opened from, so the keys carry on from there.
  const closeEditor = useCallback(() => {
    const id = editing?.id;
    setEditing(undefined);
    if (id !== undefined) requestAnimationFrame(() => listRef.current?.focusRow(id));
  }, [editing]);
  const saved = useCallback(
    (task: Task) => {
      list.applyChange(task);
      closeEditor();
    },
    [list, closeEditor],
  );

  const openRequested = useCallback((task: Task) => {
    setShowDeleted(false);
    setEditing(task);
  }, []);
  const showDeletedTasks = useCallback(() => setShowDeleted(true), []);
  useRequestedTask(openRequested, showDeletedTasks);

  useShortcuts({
    '/': () => searchRef.current?.focus(),
    n: () => addRef.current?.focus(),
    '?': () => setShortcutsOpen(true),
    j: () => listRef.current?.focusRow(),
    k: () => listRef.current?.focusRow(),
    z: actions.undo,
  });

  const count = showDeleted ? countText(deletedCount ?? 0, 'deleted task') : countText(list.rows.length, 'task');
  return (
    <div className="tasks-view">
      {!narrow && !showDeleted && <ProjectList selected={draft.project} onSelect={selectProject} />}
      <div className="tasks-main">
        <AddTaskInput onAdded={addedHere} today={today} inputRef={addRef} />
        <TaskToolbar
          filters={draft}
          onChange={change}
          showDeleted={showDeleted}
          onShowDeletedChange={setShowDeleted}
          count={list.loading && list.rows.length === 0 && !showDeleted ? '' : count}
          searchRef={searchRef}
          onShowShortcuts={() => setShortcutsOpen(true)}
          sheetExtra={narrow ? <ProjectList selected={draft.project} onSelect={selectProject} /> : undefined}
        />
        {actions.error !== undefined && <ErrorBanner message={actions.error} onDismiss={actions.clearError} />}
        {showDeleted ? (
          <DeletedTasksView onRestore={actions.restore} onCount={setDeletedCount} />
        ) : (
          <TaskListBody
            list={list}
            sort={filters.sort}
            onClearFilters={clear}
            today={today}
            changed={changed}
            onComplete={actions.complete}
            onEdit={setEditing}
            onDelete={actions.remove}
            handle={listRef}
            collapsed={collapsed}
            onToggle={(id, expand) => setCollapsed(id, !expand)}
          />
        )}
      </div>
      {editing && (
        <EditTaskPanel
          key={editing.id}
          task={editing}
          today={today}
          tagSuggestions={tagSuggestions}
          onSaved={saved}
          onChanged={list.applyChange}
          onClose={closeEditor}
        />
      )}
      <UndoToast undoable={actions.undoable} onUndo={actions.undo} onDismiss={actions.dismissUndo} />
      <ShortcutsDialog isOpen={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
