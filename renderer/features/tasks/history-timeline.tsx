import { Button } from 'react-aria-components';
import type { TaskEvent } from '../../../shared/task';
import { formatDateTime, timeAgo } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { canUndo, changeLines, endedClaim, notePreview, whatHappened, whoDid } from './history-words';

interface HistoryTimelineProps {
  events: readonly TaskEvent[];
  names: (field: string, id: string) => string;
  hasOlder: boolean;
  onLoadOlder: () => void;
  undoing: number | undefined;
  onUndo: (event: TaskEvent) => void;
}

/** Every change to the task, newest first: who (you, an agent, TaskDesk), what, and old -> new, each undoable alone. */
export function HistoryTimeline({ events, names, hasOlder, onLoadOlder, undoing, onUndo }: HistoryTimelineProps) {
  const now = useNow(30_000);
  return (
    <section className="task-section" aria-label="History">
      <h3 className="task-section-title">History</h3>
      <ol className="task-history">
        {events.map((event) => {
          const released = endedClaim(event);
          const note = notePreview(event);
          return (
            <li key={event.seq} className="task-history-event">
              <p className="task-history-what">
                <span className={`actor-badge ${event.by_kind}`}>{whoDid(event)}</span>
                {event.by_kind === 'agent' && <span className="task-history-kind"> (agent)</span>} {whatHappened(event)}{' '}
                <time dateTime={event.at} title={formatDateTime(event.at)} className="task-history-when">
                  {timeAgo(event.at, now)}
                </time>
              </p>
              {changeLines(event, names).map((line) => (
                <p key={line.field} className="task-history-change" dir="auto">
                  {line.name}: <del>{line.before}</del> → <ins>{line.after}</ins>
                </p>
              ))}
              {note !== undefined && (
                <p className="task-history-change" dir="auto">
                  “{note}”
                </p>
              )}
              {released !== undefined && <p className="task-history-change">Released {released}’s claim.</p>}
              {canUndo(event) && (
                <Button
                  className="button small"
                  aria-label={`Undo: ${whoDid(event)} ${whatHappened(event)}`}
                  isDisabled={undoing !== undefined}
                  onPress={() => onUndo(event)}
                >
                  {undoing === event.seq ? 'Undoing…' : 'Undo'}
                </Button>
              )}
            </li>
          );
        })}
      </ol>
      {hasOlder && (
        <Button className="button small" onPress={onLoadOlder}>
          Show older changes
        </Button>
      )}
    </section>
  );
}
