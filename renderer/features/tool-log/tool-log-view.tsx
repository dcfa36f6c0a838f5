import { useCallback, useMemo, useState } from 'react';
import './tool-log.css';
import type { ToolCall } from '../../../shared/tool-call';
import { downloadJson, filterCalls, NO_FILTER } from './filter';
import { mergeCalls } from './merge-calls';
import { ToolCallDetails } from './tool-call-details';
import { ToolCallList } from './tool-call-list';
import { ToolLogToolbar } from './tool-log-toolbar';
import { useToolCallPages, useToolLog, useToolLogSnapshot } from './use-tool-log';

/**
 * The log of every tool call agents make: the server's pages under the
 * filter (older ones load as you scroll), with live calls on top. Mounted
 * when Activity is first shown; the shell keeps it while hidden after that.
 */
export function ToolLogView() {
  const { store, liveTitles } = useToolLog();
  const log = useToolLogSnapshot(store);
  const [filter, setFilter] = useState(NO_FILTER);
  const pages = useToolCallPages(filter);
  const [selected, setSelected] = useState<ToolCall>();
  const liveShown = useMemo(() => filterCalls(log.calls, filter), [log.calls, filter]);
  const shown = useMemo(
    () => mergeCalls(liveShown, pages.calls, pages.hasMore, log.clearedThrough),
    [liveShown, pages.calls, pages.hasMore, log.clearedThrough],
  );
  const { titles: pageTitles, loadMore } = pages;
  const titles = useCallback((id: string) => liveTitles.get(id) ?? pageTitles[id], [liveTitles, pageTitles]);
  const clients = useMemo(() => union(log.clients, pages.clients), [log.clients, pages.clients]);
  const tools = useMemo(() => union(log.tools, pages.tools), [log.tools, pages.tools]);
  // Once cleared, older pages would only bring calls the person chose to hide.
  const hasMore = pages.hasMore && log.clearedThrough === '';

  return (
    <section className="tool-log" aria-label="Activity">
      <ToolLogToolbar
        log={log}
        clients={clients}
        tools={tools}
        filter={filter}
        onFilterChange={setFilter}
        shown={shown.length}
        more={hasMore}
        onPauseToggle={() => (log.paused ? store.resume() : store.pause())}
        onClear={() => store.clear(shown[0]?.created_at)}
        onExport={() => downloadJson(shown)}
      />
      {pages.error && (
        <p role="alert" className="tool-log-error">
          Could not load tool calls: {pages.error}
        </p>
      )}
      {shown.length === 0 && !pages.loading && (
        <p className="tool-log-empty">
          {filter === NO_FILTER ? 'No tool calls yet. They appear here as agents make them.' : 'No tool calls match.'}
        </p>
      )}
      <ToolCallList
        calls={shown}
        titles={titles}
        onOpen={setSelected}
        hasMore={hasMore}
        onNeedMore={pages.loadingMore ? noop : loadMore}
      />
      <ToolCallDetails call={selected} onClose={() => setSelected(undefined)} />
    </section>
  );
}

const noop = () => undefined;

function union(seen: readonly string[], all: readonly string[] | undefined): readonly string[] {
  if (!all) return seen;
  const missing = seen.filter((value) => !all.includes(value));
  return missing.length === 0 ? all : [...all, ...missing].sort();
}
