import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { ToolCallTask } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatDuration, formatTime, outcomeText, summarizeArguments } from './format';
import { TaskLink } from './task-link';

/** Fixed, so 50,000 rows cost no measuring; matches --tool-log-row-height in tool-log.css (two lines on a phone). */
export const ROW_HEIGHT = 32;
export const NARROW_ROW_HEIGHT = 56;
/** On a phone the task link has a line of its own, a full finger high. */
export const NARROW_TASK_LINE = 44;
// The next older page is asked for this many rows before the end, so scrolling rarely waits.
const LOAD_AHEAD_ROWS = 50;

interface ToolCallListProps {
  calls: readonly ToolCall[];
  titles: (id: string) => ToolCallTask | undefined;
  onOpen: (call: ToolCall) => void;
  /** Older calls exist on the server; `onNeedMore` is called as the end comes near. */
  hasMore: boolean;
  onNeedMore: () => void;
}

/**
 * Only the rows in view are in the DOM; each row is a button (click or Enter)
 * that opens the call's details, and its content is its accessible name. The
 * task a call touched is a link beside it.
 */
export function ToolCallList({ calls, titles, onOpen, hasMore, onNeedMore }: ToolCallListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const narrow = useIsNarrow();
  // Stable until the calls change: a new key function makes the virtualizer re-measure every row on each render.
  const itemKey = useCallback((index: number) => calls[index]?.id ?? index, [calls]);
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (narrow ? NARROW_ROW_HEIGHT + (calls[index]?.task_id ? NARROW_TASK_LINE : 0) : ROW_HEIGHT),
    getItemKey: itemKey,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= calls.length - LOAD_AHEAD_ROWS) onNeedMore();
  }, [hasMore, lastShown, calls.length, onNeedMore]);

  return (
    <div ref={scrollRef} className="tool-log-scroll">
      <div role="list" aria-label="Tool calls" className="tool-log-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const call = calls[item.index];
          if (!call) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={hasMore ? -1 : calls.length}
              aria-posinset={item.index + 1}
              className="tool-log-row"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              <ToolCallRow call={call} onOpen={onOpen} />
              {call.task_id ? (
                <TaskLink id={call.task_id} task={titles(call.task_id)} />
              ) : (
                <span className="tool-log-task none" />
              )}
            </div>
          );
        })}
      </div>
      {hasMore && <p className="tool-log-more">Loading older calls…</p>}
    </div>
  );
}

function ToolCallRow({ call, onOpen }: { call: ToolCall; onOpen: (call: ToolCall) => void }) {
  const outcome = outcomeText(call);
  return (
    <button type="button" className="tool-log-row-button" onClick={() => onOpen(call)}>
      <time className="tool-log-time" dateTime={call.created_at}>
        {formatTime(call.created_at)}
      </time>
      <span className="tool-log-client" dir="auto">
        {call.client_label}
      </span>
      <span className="tool-log-tool">{call.tool}</span>
      <span className="tool-log-summary" dir="auto">
        {summarizeArguments(call.arguments)}
      </span>
      <span className={call.outcome === 'error' ? 'tool-log-badge error' : 'tool-log-badge success'}>{outcome}</span>
      <span className="tool-log-duration">{formatDuration(call.duration_ms)}</span>
    </button>
  );
}
