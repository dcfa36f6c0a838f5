import { X } from 'lucide-react';
import { useId, type KeyboardEvent } from 'react';
import { Button } from 'react-aria-components';
import { mergeTags } from './edit-draft';

interface TagsFieldProps {
  tags: string[];
  text: string;
  onChange: (change: { tags?: string[]; tagText?: string }) => void;
  /** Tags already used on other tasks, offered as the person types. */
  suggestions: readonly string[];
  error: string | undefined;
}

/**
 * Tags as chips. Enter, a comma or leaving the box turns what was typed into
 * chips; "Work" and "work" are one tag, as the server stores them. Backspace
 * in the empty box takes the last chip back.
 */
export function TagsField({ tags, text, onChange, suggestions, error }: TagsFieldProps) {
  const inputId = useId();
  const listId = useId();
  const errorId = useId();
  const commit = (typed: string) => onChange({ tags: mergeTags(tags, typed), tagText: '' });

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === 'Enter' || event.key === ',') && text.trim() !== '') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange({ tags: tags.slice(0, -1) });
    }
  }

  return (
    <div className="task-field">
      <label htmlFor={inputId} className="task-field-label">
        Tags
      </label>
      <div className="input-box tags-box" data-invalid={error === undefined ? undefined : true}>
        {tags.length > 0 && (
          <ul className="tag-chips" aria-label="Tags on this task">
            {tags.map((tag) => (
              <li key={tag} className="tag-chip" dir="auto">
                {tag}
                <Button
                  className="tag-chip-remove"
                  aria-label={`Remove tag ${tag}`}
                  onPress={() => onChange({ tags: tags.filter((each) => each !== tag) })}
                >
                  <X size={12} aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={inputId}
          className="bare-input"
          value={text}
          list={listId}
          placeholder={tags.length === 0 ? 'work, home…' : 'Add a tag'}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
          onKeyDown={onKeyDown}
          onBlur={() => text.trim() !== '' && commit(text)}
          onChange={(event) => {
            const { value } = event.target;
            // Picking a suggestion from the list replaces the text in one go: that is a finished tag.
            const picked = (event.nativeEvent as InputEvent).inputType === 'insertReplacementText';
            if (picked || value.includes(',')) commit(value);
            else onChange({ tagText: value });
          }}
        />
        <datalist id={listId}>
          {suggestions
            .filter((tag) => !tags.includes(tag))
            .map((tag) => (
              <option key={tag} value={tag} />
            ))}
        </datalist>
      </div>
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
