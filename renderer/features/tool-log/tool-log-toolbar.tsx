import { Download, Eraser, Pause, Play } from 'lucide-react';
import { useId } from 'react';
import { Button } from 'react-aria-components';
import type { ToolLogFilter } from './filter';
import type { ToolLogSnapshot } from './tool-log-store';

interface ToolLogToolbarProps {
  log: ToolLogSnapshot;
  filter: ToolLogFilter;
  onFilterChange: (filter: ToolLogFilter) => void;
  shown: number;
  onPauseToggle: () => void;
  onClear: () => void;
  onExport: () => void;
}

export function ToolLogToolbar({ log, filter, onFilterChange, shown, ...actions }: ToolLogToolbarProps) {
  const clientId = useId();
  const toolId = useId();
  return (
    <div className="tool-log-toolbar" role="group" aria-label="Log filters and actions">
      <label htmlFor={clientId}>Client</label>
      <select
        id={clientId}
        value={filter.client}
        onChange={(event) => onFilterChange({ ...filter, client: event.target.value })}
      >
        <option value="">All clients</option>
        {withSelected(log.clients, filter.client).map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={toolId}>Tool</label>
      <select
        id={toolId}
        value={filter.tool}
        onChange={(event) => onFilterChange({ ...filter, tool: event.target.value })}
      >
        <option value="">All tools</option>
        {withSelected(log.tools, filter.tool).map((tool) => (
          <option key={tool} value={tool}>
            {tool}
          </option>
        ))}
      </select>
      <label className="tool-log-check">
        <input
          type="checkbox"
          checked={filter.errorsOnly}
          onChange={(event) => onFilterChange({ ...filter, errorsOnly: event.target.checked })}
        />
        Errors only
      </label>
      <span className="tool-log-spacer" />
      {/* Not a live region: on a busy log it would announce every call. */}
      <span className="tool-log-count">{log.paused ? `Paused, ${log.held} new held` : `${shown} shown`}</span>
      <Button className="button" onPress={actions.onPauseToggle}>
        {log.paused ? <Play size={14} aria-hidden /> : <Pause size={14} aria-hidden />}
        {log.paused ? 'Resume' : 'Pause'}
      </Button>
      <Button className="button" onPress={actions.onClear}>
        <Eraser size={14} aria-hidden />
        Clear view
      </Button>
      <Button className="button" onPress={actions.onExport} isDisabled={shown === 0}>
        <Download size={14} aria-hidden />
        Export JSON
      </Button>
    </div>
  );
}

/** A selected option stays listed after "Clear view", so the select never shows a value it lacks. */
const withSelected = (values: readonly string[], selected: string) =>
  selected && !values.includes(selected) ? [...values, selected] : values;
