import { AlertCircle, Download, Eraser, Pause, Play } from 'lucide-react';
import { memo } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { ChoiceSelect } from '../../components/ui/choice-select';
import type { ToolLogFilter } from './filter';
import type { ToolLogSnapshot } from './tool-log-store';

interface ToolLogToolbarProps {
  log: ToolLogSnapshot;
  /** Every client and tool the filters offer: those in the retained log and those seen live. */
  clients: readonly string[];
  tools: readonly string[];
  filter: ToolLogFilter;
  onFilterChange: (filter: ToolLogFilter) => void;
  shown: number;
  /** Older calls are still on the server: the count is "at least". */
  more: boolean;
  onPauseToggle: () => void;
  onClear: () => void;
  onExport: () => void;
}

// The "every client/tool" choice; a select's keys cannot be empty, and no client label holds a NUL.
const ALL = '\u0000all';

export function ToolLogToolbar({
  log,
  clients,
  tools,
  filter,
  onFilterChange,
  shown,
  more,
  ...actions
}: ToolLogToolbarProps) {
  return (
    <div className="tool-log-toolbar" role="group" aria-label="Log filters and actions">
      <LogFilters clientsSeen={clients} toolsSeen={tools} filter={filter} onFilterChange={onFilterChange} />
      <span className="tool-log-spacer" />
      {/* Not a live region: on a busy log it would announce every call. */}
      <span className="tool-log-count">
        {log.paused ? `Paused, ${log.held} new held` : `${shown}${more ? '+' : ''} shown`}
      </span>
      <Button className="button" onPress={actions.onPauseToggle}>
        {log.paused ? <Play size={16} aria-hidden /> : <Pause size={16} aria-hidden />}
        {log.paused ? 'Resume' : 'Pause'}
      </Button>
      <Button className="button" onPress={actions.onClear}>
        <Eraser size={16} aria-hidden />
        Clear view
      </Button>
      <Button className="button" onPress={actions.onExport} isDisabled={shown === 0}>
        <Download size={16} aria-hidden />
        Export JSON
      </Button>
    </div>
  );
}

interface LogFiltersProps {
  clientsSeen: readonly string[];
  toolsSeen: readonly string[];
  filter: ToolLogFilter;
  onFilterChange: (filter: ToolLogFilter) => void;
}

/** Memoised: in a burst the count beside them changes many times a second, these only when a new client or tool appears. */
const LogFilters = memo(function LogFilters({ clientsSeen, toolsSeen, filter, onFilterChange }: LogFiltersProps) {
  const clients = [{ value: ALL, label: 'All clients' }, ...options(clientsSeen, filter.client)];
  const tools = [{ value: ALL, label: 'All tools' }, ...options(toolsSeen, filter.tool)];
  return (
    <>
      <ChoiceSelect
        label="Client"
        value={filter.client || ALL}
        options={clients}
        onChange={(client) => onFilterChange({ ...filter, client: client === ALL ? '' : client })}
      />
      <ChoiceSelect
        label="Tool"
        value={filter.tool || ALL}
        options={tools}
        onChange={(tool) => onFilterChange({ ...filter, tool: tool === ALL ? '' : tool })}
      />
      <ToggleButton
        className="button tool-log-errors"
        isSelected={filter.errorsOnly}
        onChange={(errorsOnly) => onFilterChange({ ...filter, errorsOnly })}
      >
        <AlertCircle size={16} aria-hidden /> Errors only
      </ToggleButton>
    </>
  );
});

/** A selected option stays listed after "Clear view", so the select never shows a value it lacks. */
const options = (values: readonly string[], selected: string) =>
  (selected && !values.includes(selected) ? [...values, selected] : values).map((value) => ({ value, label: value }));
