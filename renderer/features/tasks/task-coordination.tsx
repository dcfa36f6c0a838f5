import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Task, TaskEvent } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { plainFailure } from '../../lib/error-message';
import { QUERY_KEYS } from '../../lib/query';
import { ClaimBox } from './claim-box';
import { blockerFailure, linkFailure, undoFailure } from './coordination-words';
import { HistoryTimeline } from './history-timeline';
import { NotesSection } from './notes-section';
import { TaskLinksSection } from './task-links-section';
import { useTaskDetail } from './use-task-detail';
import './coordination.css';

/** A change the panel makes at once, and how a person is told it failed. */
interface PanelChange {
  action: () => Promise<Task>;
  words: (reason: unknown) => string;
  /** The history event being undone, if this change is an undo. */
  undoing: number | undefined;
}

interface TaskCoordinationProps {
  /** The task as the edit session last saw it. */
  task: Task;
  /** A change made here was saved: the list and the edit session take the new version. */
  onChanged: (task: Task) => void;
}

/**
 * The edit panel's coordination part: the claim, the task's project, parent
 * and blockers, its notes and its history with undo. Each action applies at
 * once (apart from the form's draft) and as the person, who may always act.
 */
export function TaskCoordination({ task: seen, onChanged }: TaskCoordinationProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { detail, history, hasOlder, loadOlder, olderError, error, refetch } = useTaskDetail(seen.id);
  const projects = useQuery({ queryKey: QUERY_KEYS.projects, queryFn: () => api.projects() });
  // Claims and notes do not bump the version, so the detail (refetched live) is as new as the session's copy or newer.
  const task = detail && detail.task.version >= seen.version ? detail.task : seen;
  const parentId = task.parent_id;
  const parent = useQuery({
    queryKey: ['tasks', 'any', 'parent', parentId],
    queryFn: () => api.getTask(parentId ?? ''),
    enabled: parentId !== null,
  });
  // One change at a time from this part of the panel; a failure is said in the words that fit what was tried.
  const change = useMutation({
    mutationFn: ({ action }: PanelChange) => action(),
    onSuccess: (changed) => {
      onChanged(changed);
      refetch();
      void queryClient.invalidateQueries({ queryKey: QUERY_KEYS.projects });
    },
  });
  const note = useMutation({
    mutationFn: (text: string) => api.addNote(task.id, text),
    onSuccess: () => refetch(),
  });
  const busy = change.isPending;
  const undoing = change.isPending ? change.variables.undoing : undefined;
  // The panel says what went wrong with the latest attempt, of either kind; neither cancels the other.
  const changeFailed = change.error === null ? undefined : change.variables.words(change.error);
  const noteFailed = note.error === null ? undefined : plainFailure(note.error);
  const message = note.submittedAt > change.submittedAt ? noteFailed : changeFailed;
  function run(action: () => Promise<Task>, words: (reason: unknown) => string, undoing?: number): void {
    change.mutate({ action, words, undoing });
  }
  function addNote(text: string): Promise<boolean> {
    return note.mutateAsync(text).then(
      () => true,
      () => false,
    );
  }
  // Which blockers are no longer open, from one read of the detail: read against the task's newer copy, a blocker
  // added since would look closed, and clearing the closed ones would drop it.
  const openIds = new Set((detail?.open_blockers ?? []).map((blocker) => blocker.id));
  const closedBlockerIds = new Set((detail?.task.blocked_by ?? []).filter((id) => !openIds.has(id)));

  const projectList = projects.data?.projects ?? [];
  function names(field: string, id: string): string {
    if (field === 'project_id') return projectList.find((project) => project.id === id)?.name ?? 'a former project';
    const known = [
      ...(detail?.mentioned_tasks ?? []),
      ...(detail?.open_blockers ?? []),
      ...(detail?.subtasks ?? []),
      ...(parent.data ? [parent.data] : []),
    ];
    return known.find((ref) => ref.id === id)?.title ?? 'another task';
  }

  function undo(event: TaskEvent) {
    run(() => api.undoTaskEvent(task.id, event.seq, task.version), undoFailure, event.seq);
  }

  return (
    <div className="task-coordination">
      {task.claim && (
        <ClaimBox claim={task.claim} busy={busy} onRelease={() => run(() => api.releaseTask(task.id), plainFailure)} />
      )}
      {message !== undefined && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <TaskLinksSection
        task={task}
        openBlockers={detail?.open_blockers ?? []}
        closedBlockerIds={closedBlockerIds}
        parent={parentId === null || !parent.data ? undefined : parent.data}
        projects={projectList}
        busy={busy}
        onChange={(fields) =>
          run(
            () => api.updateTask(task.id, { ...fields, expected_version: task.version }),
            fields.blocked_by === undefined ? linkFailure : blockerFailure,
          )
        }
      />
      <NotesSection notes={detail?.notes ?? []} sending={note.isPending} onAdd={addNote} />
      <HistoryTimeline
        events={history}
        names={names}
        hasOlder={hasOlder}
        onLoadOlder={() => void loadOlder()}
        undoing={undoing}
        onUndo={undo}
      />
      {olderError !== undefined && (
        <p className="field-error" role="alert">
          {olderError}
        </p>
      )}
    </div>
  );
}
