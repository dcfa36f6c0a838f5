import type { ToolCallTask } from '../../../shared/api';
import { useTaskNavigation } from '../../lib/task-navigation';

/**
 * The task a call touched, by its title, as a link that opens it in the Tasks
 * view. A task the server could not name (never created, or another user's)
 * shows the start of its id.
 */
export function TaskLink({ id, task }: { id: string; task: ToolCallTask | undefined }) {
  const { openTask } = useTaskNavigation();
  if (!task) {
    return (
      <span className="tool-log-task unknown" title={id}>
        task {id.slice(0, 8)}…
      </span>
    );
  }
  return (
    <a
      className="tool-log-task"
      href={`#task=${encodeURIComponent(id)}`}
      dir="auto"
      title={task.deleted ? `${task.title} (deleted)` : task.title}
      aria-label={task.deleted ? `${task.title} (deleted)` : undefined}
      onClick={(event) => {
        event.preventDefault();
        openTask(id, task.deleted);
      }}
    >
      <span className="tool-log-task-title">{task.title}</span>
      {task.deleted && <span className="tool-log-task-deleted">(deleted)</span>}
    </a>
  );
}
