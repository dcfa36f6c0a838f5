import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';
import type { TaskSort } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { useIsNarrow } from '../../lib/use-media-query';
import { listLayout, type ListItem } from './list-items';
import { TaskRow, type TaskRowActions } from './task-row';
import type { RowChange } from './use-changed-rows';
import { useListKeys } from './use-list-keys';
import { useScrollAnchor } from './use-scroll-anchor';

/** Every row has one height (two lines on a phone), so rows arriving live never change the height of others. */
export const ROW_HEIGHT = 44;
export const NARROW_ROW_HEIGHT = 72;
export const HEADING_HEIGHT = 32;
// The next page is asked for this many rows before the end, so scrolling rarely waits.
const LOAD_AHEAD_ROWS = 30;

export interface TaskListHandle {
  /** Puts the keyboard focus on the task's row (the active one when not given), scrolling it into view. */
  focusRow: (id?: string) => void;
}

export interface TaskListProps extends TaskRowActions {
  tasks: Task[];
  sort: TaskSort;
  hasMore: boolean;
  /** A page is on its way; the next is asked for once it has arrived, if the end is still near. */
  busy: boolean;
  onNeedMore: () => void;
  today: string;
  changed: ReadonlyMap<string, RowChange>;
  handle?: Ref<TaskListHandle>;
}

/**
 * The task list, virtualised: only the rows in view (and a few around them)
 * are in the DOM. It is one Tab stop: the active row holds tabIndex 0 and the
 * keys move it (see useListKeys).
 */
export function TaskList({
  tasks,
  sort,
  hasMore,
  busy,
  onNeedMore,
  today,
  changed,
  handle,
  ...actions
}: TaskListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useIsNarrow() ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  const layout = useMemo(
    () => listLayout(tasks, sort, today, { row: rowHeight, heading: HEADING_HEIGHT }),
    [tasks, sort, today, rowHeight],
  );
  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: layout.sizeOf,
    getItemKey: (index) => layout.keyAt(index) ?? index,
    overscan: 8,
  });
  const rememberTopRow = useScrollAnchor(scrollRef, layout);
  const virtualItems = virtualizer.getVirtualItems();
  const lastShown = virtualItems.at(-1)?.index ?? -1;

  const [activeId, setActiveId] = useState<string>();
  const focusRow = useCallback(
    (id?: string) => {
      const target = id ?? activeId ?? tasks[0]?.id;
      const index = layout.indexOf(target ?? '');
      if (target === undefined || index === -1) return;
      setActiveId(target);
      virtualizer.scrollToIndex(index);
      // The row may be rendered only once the scroll has been handled: try again for a few frames.
      let tries = 0;
      const attempt = () => {
        const slot = scrollRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(target)}"]`);
        if (slot) slot.focus({ preventScroll: true });
        else if (++tries < 10) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [activeId, layout, tasks, virtualizer],
  );
  useImperativeHandle(handle, () => ({ focusRow }), [focusRow]);
  const onKeyDown = useListKeys({ tasks, focusRow, ...actions });
  const focusWithin = useRef(false);

  // The active row left (completed out of view, deleted): its neighbour takes the focus, so the keys go on working.
  const previousTasks = useRef(tasks);
  useLayoutEffect(() => {
    const before = previousTasks.current;
    previousTasks.current = tasks;
    if (activeId === undefined || tasks.some((task) => task.id === activeId)) return;
    const index = Math.min(
      Math.max(
        before.findIndex((task) => task.id === activeId),
        0,
      ),
      tasks.length - 1,
    );
    const next = tasks[index];
    if (next && focusWithin.current) focusRow(next.id);
    else setActiveId(next?.id);
  }, [tasks, activeId, focusRow]);

  useEffect(() => {
    if (hasMore && !busy && lastShown >= layout.count - LOAD_AHEAD_ROWS) onNeedMore();
  }, [hasMore, busy, lastShown, layout.count, onNeedMore]);

  const rendered = virtualItems.map((item) => layout.itemAt(item.index)).filter((item) => item?.kind === 'task');
  // A Tab into the list lands on the active row, or on the first one in view when the active row is scrolled away.
  const tabStop = rendered.some((item) => item.key === activeId) ? activeId : rendered[0]?.key;

  return (
    <div ref={scrollRef} className="task-scroll" onScroll={rememberTopRow}>
      <div
        role="list"
        aria-label="Tasks"
        className="task-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          focusWithin.current = true;
          const id = (event.target as HTMLElement).closest<HTMLElement>('[data-row-id]')?.dataset.rowId;
          if (id !== undefined && id !== activeId) setActiveId(id);
        }}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget)) focusWithin.current = false;
        }}
      >
        {virtualItems.map((virtual) => {
          const item = layout.itemAt(virtual.index);
          if (!item) return null;
          return (
            <Slot
              key={item.key}
              item={item}
              start={virtual.start}
              height={layout.sizeOf(virtual.index)}
              tabStop={item.key === tabStop}
              setSize={hasMore ? -1 : tasks.length}
            >
              {item.kind === 'task' && (
                <TaskRow task={item.task} today={today} change={changed.get(item.key)} {...actions} />
              )}
            </Slot>
          );
        })}
      </div>
      {hasMore && <p className="task-list-more">Loading more tasks…</p>}
    </div>
  );
}

interface SlotProps {
  item: ListItem;
  start: number;
  height: number;
  tabStop: boolean;
  setSize: number;
  children: ReactNode;
}

/**
 * The positioned box a row or a heading sits in. The slot moves and
 * renumbers as rows arrive above it; the row inside is memoised on its task
 * alone, so a burst re-renders only the rows whose task changed.
 */
function Slot({ item, start, height, tabStop, setSize, children }: SlotProps) {
  const style = { height, transform: `translateY(${start}px)` };
  if (item.kind === 'heading') {
    return (
      <div role="listitem" className="task-slot task-group" style={style}>
        <h3 className="task-group-heading">{item.label}</h3>
      </div>
    );
  }
  return (
    <div
      role="listitem"
      data-row-id={item.key}
      tabIndex={tabStop ? 0 : -1}
      aria-posinset={item.position + 1}
      aria-setsize={setSize}
      className="task-slot"
      style={style}
    >
      {children}
    </div>
  );
}
