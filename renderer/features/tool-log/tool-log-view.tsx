import { useMemo, useState } from 'react';
import './tool-log.css';
import type { ToolCall } from '../../../shared/tool-call';
import { downloadJson, filterCalls, NO_FILTER } from './filter';
import { ToolCallDetails } from './tool-call-details';
import { ToolCallList } from './tool-call-list';
import { ToolLogToolbar } from './tool-log-toolbar';
import { useToolLog, useToolLogSnapshot } from './use-tool-log';

/**
 * The live log of every tool call agents make. Always mounted (the shell
 * keeps it while hidden), so it collects from the moment the window opens.
 */
export function ToolLogView() {
  const { store, loadError } = useToolLog();
  const log = useToolLogSnapshot(store);
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<ToolCall>();
  const shown = useMemo(() => filterCalls(log.calls, filter), [log.calls, filter]);

  return (
    <section className="tool-log" aria-label="Activity">
      <ToolLogToolbar
        log={log}
        filter={filter}
        onFilterChange={setFilter}
        shown={shown.length}
        onPauseToggle={() => (log.paused ? store.resume() : store.pause())}
        onClear={store.clear}
        onExport={() => downloadJson(shown)}
      />
      {loadError && (
        <p role="alert" className="tool-log-error">
          Could not load recent tool calls: {loadError}
        </p>
      )}
      {shown.length === 0 && (
        <p className="tool-log-empty">
          {log.calls.length === 0 ? 'No tool calls yet. They appear here as agents make them.' : 'No tool calls match.'}
        </p>
      )}
      <ToolCallList calls={shown} onOpen={setSelected} />
      <ToolCallDetails call={selected} onClose={() => setSelected(undefined)} />
    </section>
  );
}
