import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { TaskRef } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { useDebouncedValue } from '../../lib/use-debounced-value';

interface TaskPickerProps {
  label: string;
  /** Tasks not to offer (the task itself, the ones already chosen). */
  exclude: readonly string[];
  onPick: (task: TaskRef) => void;
  isDisabled?: boolean;
}

const RESULTS_SHOWN = 8;

/** Finds a task by title as the person types, and hands the chosen one over. */
export function TaskPicker({ label, exclude, onPick, isDisabled }: TaskPickerProps) {
  const api = useApi();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 200);
  const found = useQuery({
    queryKey: ['tasks', 'any', 'picker', query],
    queryFn: () => api.listTasks({ query, status: 'open', limit: RESULTS_SHOWN + exclude.length }),
    enabled: query !== '',
  });
  const items = (query === '' ? [] : (found.data?.tasks ?? []))
    .filter((task) => !exclude.includes(task.id))
    .slice(0, RESULTS_SHOWN);

  return (
    <ComboBox
      className="task-picker"
      inputValue={text}
      onInputChange={setText}
      items={items}
      menuTrigger="input"
      allowsEmptyCollection
      isDisabled={isDisabled}
      onChange={(key) => {
        const task = items.find((item) => item.id === key);
        if (!task) return;
        onPick({ id: task.id, title: task.title, completed: task.completed });
        setText('');
      }}
    >
      <Label className="task-field-label">{label}</Label>
      <Input className="text-input" placeholder="Search tasks by title" />
      <Popover className="choice-select-popover task-picker-popover">
        <ListBox
          className="choice-select-list"
          renderEmptyState={() => (
            <p className="task-picker-empty">{found.isFetching || query !== text.trim() ? 'Searching…' : 'No match'}</p>
          )}
        >
          {(task: (typeof items)[number]) => (
            <ListBoxItem id={task.id} textValue={task.title} className="choice-select-item">
              <span dir="auto">{task.title}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
