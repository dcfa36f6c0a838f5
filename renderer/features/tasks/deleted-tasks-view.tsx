import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useId } from 'react';
import { Button } from 'react-aria-components';
import type { Task } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS } from '../../lib/query';

/** Deleted tasks, newest deletion first, each with a way back. */
export function DeletedTasksView({ onRestore }: { onRestore: (task: Task) => Promise<Task | undefined> }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: QUERY_KEYS.deletedTasks, queryFn: async () => (await api.deletedTasks()).tasks });
  const setTasks = (change: (tasks: Task[]) => Task[]) =>
    queryClient.setQueryData<Task[]>(QUERY_KEYS.deletedTasks, (tasks) => tasks && change(tasks));
  const tasks = query.data;
  const headingId = useId();

  useLiveEvent((event) => {
    if (event.name !== 'task') return;
    const { task } = event.data;
    setTasks((previous) => {
      const others = previous.filter((row) => row.id !== task.id);
      return task.deleted_at === null ? others : [task, ...others];
    });
  });

  if (query.error) return <p role="alert">{errorMessage(query.error)}</p>;
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
          {tasks.map((task) => (
            <div role="listitem" key={task.id} className="task-deleted-row">
              <span className="task-title">{task.title}</span>
              <Button
                className="button"
                aria-label={`Restore ${task.title}`}
                onPress={() => {
                  void onRestore(task).then((restored) => {
                    if (restored) setTasks((previous) => previous.filter((row) => row.id !== restored.id));
                  });
                }}
              >
                <RotateCcw size={14} aria-hidden /> Restore
              </Button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
