import { useMutation } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { memo, useId, useState, type Ref } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import { LIMITS } from '../../../shared/limits';
import type { Task } from '../../../shared/task';
import { addTaskInput } from '../../../shared/task-schemas';
import { codePointLength } from '../../../shared/text-rules';
import { useApi } from '../../lib/api-context';
import { relativeDay } from '../../lib/dates';
import { plainFailure } from '../../lib/error-message';
import { capitalize } from '../../lib/text';
import { parseQuickAdd, QUICK_ADD_HELP, type QuickAdd } from './quick-add';
import { taskFieldErrors } from './task-field-errors';

// The counter shows once this few characters are left, so it is there when it matters and quiet otherwise.
const COUNTER_FROM = LIMITS.titleMax - 40;

/** What the Enter key will add, besides the title, in words: "due Tomorrow · #home · High priority". */
function extrasOf(parsed: QuickAdd, today: string): string {
  const parts = [
    parsed.due_date === undefined ? undefined : `due ${relativeDay(parsed.due_date, today)}`,
    ...parsed.tags.map((tag) => `#${tag}`),
    parsed.priority === undefined ? undefined : `${capitalize(parsed.priority)} priority`,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

interface AddTaskInputProps {
  onAdded: (task: Task) => void;
  today: string;
  /** The box itself, so "n" can put the cursor there. */
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Memoised, so typing here never waits on the list's renders in a burst.
 * Enter adds a task. The quick-add words (#tag, !high, tomorrow) are taken
 * out of the title and shown before Enter; the result is checked with the
 * shared schema, and a problem is said in plain words under the box.
 */
export const AddTaskInput = memo(function AddTaskInput({ onAdded, today, inputRef }: AddTaskInputProps) {
  const api = useApi();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const helpId = useId();
  const errorId = useId();
  const parsed = parseQuickAdd(text, today);
  const length = codePointLength(parsed.title);
  const extras = extrasOf(parsed, today);
  const adding = useMutation({
    mutationFn: (input: QuickAdd) => api.addTask(input),
    onSuccess: (task) => {
      onAdded(task);
      setText('');
    },
    onError: (failure) => setProblem(plainFailure(failure)),
  });

  function add() {
    const errors = taskFieldErrors(addTaskInput, { ...parsed });
    const first = errors.title ?? errors.due_date ?? errors.tags ?? errors.priority ?? errors.form;
    setProblem(first);
    if (first === undefined) adding.mutate(parsed);
  }

  return (
    <div className="task-add">
      <TextField
        className="task-add-field"
        value={text}
        onChange={(value) => {
          setText(value);
          setProblem(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !adding.isPending) add();
        }}
        isInvalid={problem !== undefined}
        aria-describedby={problem === undefined ? helpId : `${errorId} ${helpId}`}
      >
        <Label className="visually-hidden">Add task</Label>
        <span className="input-box">
          <Plus size={16} aria-hidden />
          <Input ref={inputRef} className="bare-input" placeholder="Add a task: Call mum friday #family !high" />
          {length >= COUNTER_FROM && (
            <span className={length > LIMITS.titleMax ? 'task-add-count over' : 'task-add-count'}>
              {length}/{LIMITS.titleMax}
            </span>
          )}
        </span>
      </TextField>
      {problem !== undefined && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p id={helpId} className={text.trim() ? 'task-add-help shown' : 'task-add-help'}>
        {extras ? `Adds “${parsed.title}”: ${extras}` : QUICK_ADD_HELP}
      </p>
    </div>
  );
});
