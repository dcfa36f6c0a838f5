import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ToolCall } from '../../../shared/tool-call';
import { useIsNarrow } from '../../lib/use-media-query';
import { formatDuration, formatTime, outcomeText, summarizeArguments } from './format';

/** Fixed, so 50,000 rows cost no measuring; matches --tool-log-row-height in tool-log.css (two lines on a phone). */
export const ROW_HEIGHT = 32;
export const NARROW_ROW_HEIGHT = 56;

interface ToolCallListProps {
  calls: readonly ToolCall[];
  onOpen: (call: ToolCall) => void;
}

/**
 * Only the rows in view are in the DOM; each row is a button (click or Enter)
 * that opens the call's details, and its content is its accessible name.
 */
export function ToolCallList({ calls, onOpen }: ToolCallListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = useIsNarrow() ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => calls[index]?.id ?? index,
    overscan: 10,
  });
  return (
    <div ref={scrollRef} className="tool-log-scroll">
      <div role="list" aria-label="Tool calls" className="tool-log-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const call = calls[item.index];
          if (!call) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={calls.length}
              aria-posinset={item.index + 1}
              className="tool-log-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <ToolCallRow call={call} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
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
