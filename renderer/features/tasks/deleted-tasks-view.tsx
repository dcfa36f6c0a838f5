import { RotateCcw } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import type { LiveEventMap } from '../../../shared/api';
import type { Task } from '../../../shared/task';
import { useApi } from '../../app/api-context';
import { useLiveEvent, useLiveEvents } from '../../app/live-events';
import { errorMessage } from './error-message';

/** Deleted tasks, newest deletion first, each with a way back. */
export function DeletedTasksView({ onRestore }: { onRestore: (task: Task) => Promise<Task | undefined> }) {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [tasks, setTasks] = useState<Task[]>();
  const [error, setError] = useState<string>();
  const headingId = useId();

  useEffect(() => {
    let current = true;
    api.deletedTasks().then(
      (list) => current && setTasks(list.tasks),
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, generation]);

  useLiveEvent((name, data) => {
    if (name !== 'task') return;
    const { task } = data as LiveEventMap['task'];
    setTasks((previous) => {
      if (!previous) return previous;
      const others = previous.filter((row) => row.id !== task.id);
      return task.deleted_at === null ? others : [task, ...others];
    });
  });

  if (error !== undefined) return <p role="alert">{error}</p>;
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
                    if (restored) setTasks((previous) => previous?.filter((row) => row.id !== restored.id));
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
