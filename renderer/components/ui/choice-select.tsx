import './choice-select.css';
import { ChevronDown } from 'lucide-react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

interface ChoiceSelectProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}

/** A labelled single-choice dropdown over a fixed set of string values. */
export function ChoiceSelect<V extends string>({ label, value, options, onChange }: ChoiceSelectProps<V>) {
  return (
    <Select
      className="choice-select"
      value={value}
      onChange={(key) => {
        const chosen = options.find((option) => option.value === key);
        if (chosen) onChange(chosen.value);
      }}
    >
      <Label className="choice-select-label">{label}</Label>
      <Button className="button choice-select-button">
        <SelectValue />
        <ChevronDown size={14} aria-hidden />
      </Button>
      <Popover className="choice-select-popover">
        <ListBox className="choice-select-list">
          {options.map((option) => (
            <ListBoxItem key={option.value} id={option.value} className="choice-select-item">
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
