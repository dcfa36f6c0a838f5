import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
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
  const [busy, setBusy] = useState(false);
  const [undoing, setUndoing] = useState<number>();
  const [message, setMessage] = useState<string>();

  async function run(action: () => Promise<Task>, words: (reason: unknown) => string): Promise<boolean> {
    setBusy(true);
    setMessage(undefined);
    try {
      onChanged(await action());
      refetch();
      void queryClient.invalidateQueries({ queryKey: QUERY_KEYS.projects });
      return true;
    } catch (reason) {
      setMessage(words(reason));
      return false;
    } finally {
      setBusy(false);
    }
  }

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

  async function undo(event: TaskEvent) {
    setUndoing(event.seq);
    await run(() => api.undoTaskEvent(task.id, event.seq, task.version), undoFailure);
    setUndoing(undefined);
  }

  return (
    <div className="task-coordination">
      {task.claim && (
        <ClaimBox
          claim={task.claim}
          busy={busy}
          onRelease={() => void run(() => api.releaseTask(task.id), plainFailure)}
        />
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
        parent={parentId === null || !parent.data ? undefined : parent.data}
        projects={projectList}
        busy={busy}
        onChange={(fields) =>
          void run(
            () => api.updateTask(task.id, { ...fields, expected_version: task.version }),
            fields.blocked_by === undefined ? linkFailure : blockerFailure,
          )
        }
      />
      <NotesSection
        notes={detail?.notes ?? []}
        onAdd={async (text) => {
          try {
            await api.addNote(task.id, text);
            refetch();
            return true;
          } catch (reason) {
            setMessage(plainFailure(reason));
            return false;
          }
        }}
      />
      <HistoryTimeline
        events={history}
        names={names}
        hasOlder={hasOlder}
        onLoadOlder={() => void loadOlder()}
        undoing={undoing}
        onUndo={(event) => void undo(event)}
      />
      {olderError !== undefined && (
        <p className="field-error" role="alert">
          {olderError}
        </p>
      )}
    </div>
  );
}
