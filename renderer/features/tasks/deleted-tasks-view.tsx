import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useEffect, useId } from 'react';
import { Button } from 'react-aria-components';
import { UI_CLIENT_LABEL } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { plainFailure } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS } from '../../lib/query';
import { formatDateTime, timeAgo } from '../../lib/relative-time';

interface DeletedTask {
  task: Task;
  /** Who deleted it, when this window saw it happen: the API does not keep it. */
  by?: string;
}

interface DeletedTasksViewProps {
  onRestore: (task: Task) => Promise<Task | undefined>;
  onCount: (count: number | undefined) => void;
}

/** Deleted tasks, newest deletion first, each saying when (and, if seen here, by whom) and with a way back. */
export function DeletedTasksView({ onRestore, onCount }: DeletedTasksViewProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: QUERY_KEYS.deletedTasks,
    queryFn: async (): Promise<DeletedTask[]> => (await api.deletedTasks()).tasks.map((task) => ({ task })),
  });
  const setTasks = (change: (tasks: DeletedTask[]) => DeletedTask[]) =>
    queryClient.setQueryData<DeletedTask[]>(QUERY_KEYS.deletedTasks, (tasks) => tasks && change(tasks));
  const tasks = query.data;
  const headingId = useId();
  const now = Date.now();
  useEffect(() => onCount(tasks?.length), [tasks, onCount]);

  useLiveEvent((event) => {
    if (event.name !== 'task') return;
    const { task, by } = event.data;
    setTasks((previous) => {
      const others = previous.filter((row) => row.task.id !== task.id);
      return task.deleted_at === null ? others : [{ task, by }, ...others];
    });
  });

  if (query.error) return <p role="alert">{plainFailure(query.error)}</p>;
  if (!tasks) return <p aria-busy="true">Loading recently deleted tasks…</p>;
  return (
    <section className="task-deleted-view" aria-labelledby={headingId}>
      <h2 id={headingId} className="task-deleted-heading">
        Recently deleted
      </h2>
      {tasks.length === 0 ? (
        <p className="task-empty-hint">Nothing has been deleted.</p>
      ) : (
        <div role="list" aria-label="Recently deleted" className="task-deleted-list">
          {tasks.map(({ task, by }) => (
            <div role="listitem" key={task.id} className="task-deleted-row">
              <span className="task-deleted-text">
                <span className="task-title" dir="auto">
                  {task.title}
                </span>
                <span
                  className="task-deleted-when"
                  title={task.deleted_at ? formatDateTime(task.deleted_at) : undefined}
                >
                  Deleted {task.deleted_at ? timeAgo(task.deleted_at, now) : ''}
                  {by !== undefined && ` by ${by === UI_CLIENT_LABEL ? 'you' : by}`}
                </span>
              </span>
              <Button
                className="button"
                aria-label={`Restore ${task.title}`}
                onPress={() => {
                  void onRestore(task).then((restored) => {
                    if (restored) setTasks((previous) => previous.filter((row) => row.task.id !== restored.id));
                  });
                }}
              >
                <RotateCcw size={16} aria-hidden /> Restore
              </Button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
