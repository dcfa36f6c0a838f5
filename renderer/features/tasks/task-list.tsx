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
import { TaskRow, type RowTree, type TaskRowActions } from './task-row';
import { depthOf, subtreeIds, type Placements } from './tree-rows';
import type { RowChange } from './use-changed-rows';
import { useListKeys } from './use-list-keys';
import { useScrollAnchor } from './use-scroll-anchor';

/** Every row has one height (two lines on a phone), so rows arriving live never change the height of others. */
export const ROW_HEIGHT = 44;
export const NARROW_ROW_HEIGHT = 72;
export const HEADING_HEIGHT = 32;

export interface TaskListHandle {
  /** Puts the keyboard focus on the task's row (the active one when not given), scrolling it into view. */
  focusRow: (id?: string) => void;
}

export interface TaskListProps extends TaskRowActions {
  /** Every position of the filtered list: the task there, or undefined until its window is loaded. */
  rows: readonly (Task | undefined)[];
  sort: TaskSort;
  /** Told which positions are in view (and about to be), so their windows are fetched. */
  onRangeChange: (first: number, last: number) => void;
  today: string;
  changed: ReadonlyMap<string, RowChange>;
  handle?: Ref<TaskListHandle>;
  /** Whether the list is in tree order: rows then line up behind a disclosure column. */
  nested: boolean;
  placements: Placements;
  collapsed: readonly string[];
  /** Folds (expand false) or unfolds a task's subtasks. */
  onToggle: (id: string, expand: boolean) => void;
}

/**
 * The task list, virtualised: only the rows in view (and a few around them)
 * are in the DOM, and the scroll area is the whole list's height from the
 * start, rows not loaded yet showing as placeholders. It is one Tab stop: the
 * active row holds tabIndex 0 and the keys move it (see useListKeys).
 */
export function TaskList({
  rows,
  sort,
  onRangeChange,
  today,
  changed,
  handle,
  nested,
  placements,
  collapsed,
  onToggle,
  ...actions
}: TaskListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useIsNarrow() ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  const layout = useMemo(
    () =>
      listLayout(rows, sort, today, { row: rowHeight, heading: HEADING_HEIGHT }, (id) => depthOf(placements, id) > 0),
    [rows, sort, today, rowHeight, placements],
  );
  // Stable between layouts: the virtualizer re-measures every row (all 10,000) whenever getItemKey changes,
  // and a new function each render did that on every scroll frame.
  const itemKey = useCallback((index: number) => layout.keyAt(index) ?? index, [layout]);
  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: layout.sizeOf,
    getItemKey: itemKey,
    overscan: 8,
  });
  const rememberTopRow = useScrollAnchor(scrollRef, layout);
  const virtualItems = virtualizer.getVirtualItems();
  const firstShown = virtualItems[0]?.index ?? 0;
  const lastShown = virtualItems.at(-1)?.index ?? 0;

  const [activeId, setActiveId] = useState<string>();
  const focusRow = useCallback(
    (id?: string) => {
      const target = id ?? activeId ?? rows.find((row) => row !== undefined)?.id;
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
    [activeId, layout, rows, virtualizer],
  );
  useImperativeHandle(handle, () => ({ focusRow }), [focusRow]);
  const focusWithin = useRef(false);
  const folded = useMemo(() => new Set(collapsed), [collapsed]);

  // Folding a task with the focus among its subtasks gives the focus to the task, not to a row further down.
  const toggleRef = useRef<(task: Task, expand: boolean) => void>(() => undefined);
  toggleRef.current = (task, expand) => {
    if (!expand && activeId !== undefined && subtreeIds(rows, task.id, placements).includes(activeId)) {
      if (focusWithin.current) focusRow(task.id);
      else setActiveId(task.id);
    }
    onToggle(task.id, expand);
  };
  // Stable, so a memoised row does not re-render for it.
  const toggle = useCallback((task: Task, expand: boolean) => toggleRef.current(task, expand), []);
  const onKeyDown = useListKeys({ rows, focusRow, tree: { placements, folded, onToggle: toggle }, ...actions });

  // The active row left (completed out of view, deleted): its neighbour takes the focus, so the keys go on working.
  const previousRows = useRef(rows);
  useLayoutEffect(() => {
    const before = previousRows.current;
    previousRows.current = rows;
    if (activeId === undefined || rows.some((task) => task?.id === activeId)) return;
    const index = Math.min(
      Math.max(
        before.findIndex((task) => task?.id === activeId),
        0,
      ),
      rows.length - 1,
    );
    const next = rows[index];
    if (next && focusWithin.current) focusRow(next.id);
    else setActiveId(next?.id);
  }, [rows, activeId, focusRow]);

  const firstPosition = layout.positionAt(firstShown);
  const lastPosition = layout.positionAt(lastShown);
  useEffect(() => onRangeChange(firstPosition, lastPosition), [firstPosition, lastPosition, onRangeChange]);

  const rendered = virtualItems.map((item) => layout.itemAt(item.index)).filter((item) => item?.kind === 'task');
  // A Tab into the list lands on the active row, or on the first one in view when the active row is scrolled away.
  const tabStop = rendered.some((item) => item.key === activeId) ? activeId : rendered[0]?.key;

  return (
    <div ref={scrollRef} className="task-scroll" onScroll={rememberTopRow}>
      <div
        role="list"
        aria-label="Tasks"
        className={nested ? 'task-list is-nested' : 'task-list'}
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
              setSize={rows.length}
            >
              {item.kind === 'task' && (
                <TaskRow
                  task={item.task}
                  today={today}
                  change={changed.get(item.key)}
                  {...(nested && treeProps(item.key, placements, folded, toggle))}
                  {...actions}
                />
              )}
              {item.kind === 'placeholder' && <PlaceholderRow />}
            </Slot>
          );
        })}
      </div>
    </div>
  );
}

function treeProps(id: string, placements: Placements, folded: ReadonlySet<string>, onToggle: RowTree['onToggle']) {
  const placement = placements.get(id);
  return {
    depth: placement?.depth ?? 0,
    hasSubtasks: (placement?.children ?? 0) > 0,
    expanded: !folded.has(id),
    path: placement?.path ?? undefined,
    onToggle,
  };
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
      data-position={item.position}
      aria-busy={item.kind === 'placeholder' || undefined}
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

/** Stands in for a task whose window is on its way: the row's shape, no text. */
function PlaceholderRow() {
  return (
    <div className="task-row task-row-placeholder" aria-label="Loading task">
      <span className="task-placeholder-bar" />
    </div>
  );
}
