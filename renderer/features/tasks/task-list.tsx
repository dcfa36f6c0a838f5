import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Task } from '../../../shared/task';
import { TaskRow, type TaskRowActions } from './task-row';
import type { RowChange } from './use-changed-rows';
import { useScrollAnchor } from './use-scroll-anchor';

/** Every row has this height, so rows arriving live never change the height of others. */
export const ROW_HEIGHT = 44;
// The next page is asked for this many rows before the end, so scrolling rarely waits.
const LOAD_AHEAD_ROWS = 30;

export interface TaskListProps extends TaskRowActions {
  tasks: Task[];
  hasMore: boolean;
  /** A page is on its way; the next is asked for once it has arrived, if the end is still near. */
  busy: boolean;
  onNeedMore: () => void;
  today: string;
  changed: ReadonlyMap<string, RowChange>;
}

/** The task list, virtualised: only the rows in view (and a few around them) are in the DOM. */
export function TaskList({ tasks, hasMore, busy, onNeedMore, today, changed, ...actions }: TaskListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tasks[index]?.id ?? index,
    overscan: 8,
  });
  const rememberTopRow = useScrollAnchor(scrollRef, tasks, ROW_HEIGHT);
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !busy && lastShown >= tasks.length - LOAD_AHEAD_ROWS) onNeedMore();
  }, [hasMore, busy, lastShown, tasks.length, onNeedMore]);

  return (
    <div ref={scrollRef} className="task-scroll" onScroll={rememberTopRow}>
      <div role="list" aria-label="Tasks" className="task-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const task = tasks[item.index];
          if (!task) return null;
          // The slot moves and renumbers as rows arrive above it; the row inside is memoised on
          // its task alone, so a burst re-renders only the rows whose task changed.
          return (
            <div
              key={task.id}
              role="listitem"
              aria-posinset={item.index + 1}
              aria-setsize={hasMore ? -1 : tasks.length}
              className="task-slot"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <TaskRow task={task} today={today} change={changed.get(task.id)} {...actions} />
            </div>
          );
        })}
      </div>
      {hasMore && <p className="task-list-more">Loading more tasks…</p>}
    </div>
  );
}
