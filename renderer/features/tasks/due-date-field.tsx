import { parseDate, type CalendarDate } from '@internationalized/date';
import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Dialog,
  DialogTrigger,
  Heading,
  Popover,
} from 'react-aria-components';
import { longDate } from '../../lib/dates';
import { dueDateOf } from './edit-draft';

interface DueDateFieldProps {
  text: string;
  onChange: (text: string) => void;
  today: string;
  error: string | undefined;
}

function calendarValue(iso: string | null | undefined): CalendarDate | null {
  if (!iso) return null;
  try {
    return parseDate(iso);
  } catch {
    return null;
  }
}

/**
 * The due date as words or a date ("tomorrow", "fri", "24 Dec", 2026-12-24),
 * with a calendar beside it; under the field, the date the words mean.
 */
export function DueDateField({ text, onChange, today, error }: DueDateFieldProps) {
  const [open, setOpen] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const due = dueDateOf({ dueText: text }, today);
  const hint = due ? longDate(due) : due === null ? 'No due date' : undefined;
  return (
    <div className="task-field">
      <label htmlFor={inputId} className="task-field-label">
        Due date
      </label>
      <span className="input-box" data-invalid={error === undefined ? undefined : true}>
        <input
          id={inputId}
          className="bare-input"
          value={text}
          onChange={(event) => onChange(event.target.value)}
          placeholder="today, tomorrow, friday, 24 Dec…"
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? hintId : `${errorId} ${hintId}`}
        />
        <DialogTrigger isOpen={open} onOpenChange={setOpen}>
          <Button className="icon-button bare" aria-label="Pick a due date from a calendar">
            <CalendarDays size={16} aria-hidden />
          </Button>
          <Popover className="calendar-popover" placement="bottom end">
            <Dialog aria-label="Due date calendar" className="calendar-dialog">
              <Calendar
                aria-label="Due date"
                value={calendarValue(due)}
                onChange={(picked) => {
                  onChange(picked.toString());
                  setOpen(false);
                }}
              >
                <header className="calendar-header">
                  <Button slot="previous" className="icon-button" aria-label="Previous month">
                    <ChevronLeft size={16} aria-hidden />
                  </Button>
                  <Heading className="calendar-heading" />
                  <Button slot="next" className="icon-button" aria-label="Next month">
                    <ChevronRight size={16} aria-hidden />
                  </Button>
                </header>
                <CalendarGrid className="calendar-grid">
                  {(date) => <CalendarCell date={date} className="calendar-cell" />}
                </CalendarGrid>
              </Calendar>
            </Dialog>
          </Popover>
        </DialogTrigger>
      </span>
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <p id={hintId} className="task-field-hint">
        {error === undefined ? (hint ?? 'Not a date yet') : ''}
      </p>
    </div>
  );
}
