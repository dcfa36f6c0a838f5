import { History, Keyboard, Search, SlidersHorizontal } from 'lucide-react';
import { memo, useState, type ReactNode, type Ref } from 'react';
import {
  Button,
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
import { ModalDialog } from '../../components/ui/modal-dialog';
import { capitalize } from '../../lib/text';
import { useIsNarrow } from '../../lib/use-media-query';
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
  /** "12 tasks", "100+ tasks": what the filters let through. */
  count: string;
  searchRef?: Ref<HTMLInputElement>;
  onShowShortcuts: () => void;
  /** Shown at the top of the phone's filter sheet (the project list, which sits beside the list when wide). */
  sheetExtra?: ReactNode;
}

/**
 * Search, the filters and the count. On a phone the filters fold into a sheet
 * behind one button; in Recently deleted only what works there is shown.
 */
export function TaskToolbar(props: TaskToolbarProps) {
  const { filters, onChange, showDeleted, count } = props;
  const narrow = useIsNarrow();
  const [sheetOpen, setSheetOpen] = useState(false);
  const deletedToggle = (
    <ToggleButton className="button task-deleted-toggle" isSelected={showDeleted} onChange={props.onShowDeletedChange}>
      <History size={16} aria-hidden /> Recently deleted
    </ToggleButton>
  );
  return (
    <div className="task-toolbar" role="group" aria-label="Filter and sort tasks">
      {!showDeleted && (
        <SearchField className="task-field task-search" value={filters.query} onChange={(query) => onChange({ query })}>
          <Label className={narrow ? 'visually-hidden' : 'task-field-label'}>Search</Label>
          <span className="input-box">
            <Search size={16} aria-hidden />
            <Input ref={props.searchRef} className="bare-input" placeholder="Title or description" />
          </span>
        </SearchField>
      )}
      {narrow ? (
        <Button className="button" onPress={() => setSheetOpen(true)}>
          <SlidersHorizontal size={16} aria-hidden /> Filters
        </Button>
      ) : (
        <>
          {!showDeleted && <FilterControls filters={filters} onChange={onChange} />}
          {deletedToggle}
        </>
      )}
      <span className="task-count" role="status">
        {count}
      </span>
      {!narrow && (
        <Button
          className="icon-button task-shortcuts-button"
          aria-label="Keyboard shortcuts"
          onPress={props.onShowShortcuts}
        >
          <Keyboard size={16} aria-hidden />
        </Button>
      )}
      <ModalDialog title="Filters" isOpen={narrow && sheetOpen} onClose={() => setSheetOpen(false)} sheet>
        <div className="task-filter-sheet">
          {!showDeleted && props.sheetExtra}
          {!showDeleted && <FilterControls filters={filters} onChange={onChange} />}
          {deletedToggle}
        </div>
      </ModalDialog>
    </div>
  );
}

/** Memoised: while agents write, the count beside it changes every frame and these do not. */
const FilterControls = memo(function FilterControls({
  filters,
  onChange,
}: Pick<TaskToolbarProps, 'filters' | 'onChange'>) {
  return (
    <>
      <RadioGroup
        className="task-segmented"
        orientation="horizontal"
        value={filters.status}
        onChange={(value) => onChange({ status: TASK_STATUSES.find((status) => status === value) ?? 'open' })}
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
      <TextField className="task-field task-tag-field" value={filters.tag} onChange={(tag) => onChange({ tag })}>
        <Label className="task-field-label">Tag</Label>
        <Input className="text-input" placeholder="any" />
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
    </>
  );
});
