import { Lock, Users } from 'lucide-react';
import type { Task } from '../../../shared/task';
import { timeLeft, useNow } from '../../lib/use-now';

/**
 * A row's coordination state in words: who holds it and for how long,
 * blocked, or ready once its blockers are done; and its subtask progress.
 * "Ready" shows only on tasks that had blockers: on every plain task it
 * would be noise.
 */
export function TaskStateBadges({ task }: { task: Task }) {
  const { open, total } = task.subtasks;
  return (
    <span className="task-state">
      {task.completed ? null : task.claim ? (
        <ClaimBadge by={task.claim.by} expiresAt={task.claim.expires_at} />
      ) : task.blocked ? (
        <span className="task-badge blocked">
          <Lock size={12} aria-hidden /> Blocked
        </span>
      ) : (
        task.blocked_by.length > 0 && <span className="task-badge ready">Ready</span>
      )}
      {total > 0 && (
        <span className="task-badge progress" aria-label={`${total - open} of ${total} subtasks done`}>
          {total - open}/{total}
        </span>
      )}
    </span>
  );
}

/** Its own component so only claimed rows tick every second. */
function ClaimBadge({ by, expiresAt }: { by: string; expiresAt: string }) {
  const now = useNow();
  return (
    <span className="task-badge claimed" title={`Claimed by ${by}`}>
      <Users size={12} aria-hidden /> <span dir="auto">{by}</span> · {timeLeft(expiresAt, now)}
    </span>
  );
}
