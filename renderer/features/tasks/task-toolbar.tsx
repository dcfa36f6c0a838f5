import { History, Search } from 'lucide-react';
import {
  Input,
  Label,
  RadioButton,
  RadioField,
  RadioGroup,
  SearchField,
  TextField,
  ToggleButton,
} from 'react-aria-components';
import { PRIORITIES, TASK_STATUSES, type TaskStatusFilter } from '../../../shared/limits';
import { ChoiceSelect } from '../../components/ui/choice-select';
import { capitalize } from '../../lib/text';
import type { TaskFilters } from './task-filters';

const STATUS_LABELS: Record<TaskStatusFilter, string> = { open: 'Open', completed: 'Completed', all: 'All' };
const PRIORITY_OPTIONS = [
  { value: 'any', label: 'Any' },
  ...PRIORITIES.toReversed().map((value) => ({ value, label: capitalize(value) })),
] as const;
const SORT_OPTIONS = [
  { value: 'created_at', label: 'Newest first' },
  { value: 'due_date', label: 'Due date' },
] as const;

interface TaskToolbarProps {
  /** As typed: the view debounces query and tag before they reach the server. */
  filters: TaskFilters;
  onChange: (change: Partial<TaskFilters>) => void;
  showDeleted: boolean;
  onShowDeletedChange: (show: boolean) => void;
}

export function TaskToolbar({ filters, onChange, showDeleted, onShowDeletedChange }: TaskToolbarProps) {
  return (
    <div className="task-toolbar" role="group" aria-label="Filter and sort tasks">
      <RadioGroup
        className="task-segmented"
        orientation="horizontal"
        value={filters.status}
        onChange={(value) => onChange({ status: TASK_STATUSES.find((status) => status === value) ?? 'open' })}
        isDisabled={showDeleted}
      >
        <Label className="task-field-label">Status</Label>
        <div className="task-segmented-options">
          {TASK_STATUSES.map((status) => (
            <RadioField key={status} value={status} className="task-segmented-field">
              <RadioButton className="task-segmented-option">{STATUS_LABELS[status]}</RadioButton>
            </RadioField>
          ))}
        </div>
      </RadioGroup>
      <SearchField className="task-field" value={filters.query} onChange={(query) => onChange({ query })}>
        <Label className="task-field-label">Search</Label>
        <span className="text-input task-input-icon">
          <Search size={14} aria-hidden />
          <Input className="text-input task-input" placeholder="Title or description" />
        </span>
      </SearchField>
      <TextField className="task-field task-tag-field" value={filters.tag} onChange={(tag) => onChange({ tag })}>
        <Label className="task-field-label">Tag</Label>
        <Input className="text-input task-input" placeholder="any" />
      </TextField>
      <ChoiceSelect
        label="Priority"
        value={filters.priority}
        options={PRIORITY_OPTIONS}
        onChange={(priority) => onChange({ priority })}
      />
      <ChoiceSelect
        label="Sort by"
        value={filters.sort}
        options={SORT_OPTIONS}
        onChange={(sort) => onChange({ sort })}
      />
      <ToggleButton className="button task-deleted-toggle" isSelected={showDeleted} onChange={onShowDeletedChange}>
        <History size={14} aria-hidden /> Recently deleted
      </ToggleButton>
    </div>
  );
}
