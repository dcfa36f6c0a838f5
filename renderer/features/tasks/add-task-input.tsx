import { Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { Input, Label, TextField } from 'react-aria-components';
import type { Task } from '../../../shared/task';
import { addTaskInput } from '../../../shared/task-schemas';
import { validate } from '../../../shared/validate';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';

/**
 * Enter adds a task. The title is checked with the shared schema first, so
 * the person sees the very message an agent would get for the same title.
 */
export function AddTaskInput({ onAdded }: { onAdded: (task: Task) => void }) {
  const api = useApi();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function add() {
    const checked = validate(addTaskInput, { title });
    if (!checked.ok) {
      setError(checked.error.message);
      return;
    }
    setBusy(true);
    try {
      onAdded(await api.addTask({ title }));
      setTitle('');
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="task-add">
      <TextField
        className="task-field task-add-field"
        value={title}
        onChange={(value) => {
          setTitle(value);
          setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !busy) void add();
        }}
        isInvalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : errorId}
      >
        <Label className="visually-hidden">Add task</Label>
        <span className="text-input task-input-icon">
          <Plus size={16} aria-hidden />
          <Input className="text-input task-input" placeholder="Add a task and press Enter" />
        </span>
      </TextField>
      {error !== undefined && (
        <p id={errorId} className="task-field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
