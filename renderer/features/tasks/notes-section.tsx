import { useState, type SyntheticEvent } from 'react';
import { Button, Form, Label, TextArea, TextField } from 'react-aria-components';
import { COORDINATION_LIMITS } from '../../../shared/coordination';
import type { TaskNote } from '../../../shared/task';
import { formatDateTime, timeAgo } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { whoDid } from './history-words';

interface NotesSectionProps {
  notes: readonly TaskNote[];
  /** A note is on its way; the box waits. */
  sending: boolean;
  /** Adds a note; resolves whether it was saved (a failure is said by the panel). */
  onAdd: (text: string) => Promise<boolean>;
}

/** The latest notes (handoffs, progress, findings), each with who wrote it and when, and a box to add one. */
export function NotesSection({ notes, sending, onAdd }: NotesSectionProps) {
  const [text, setText] = useState('');
  const now = useNow(30_000);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (text.trim() === '' || sending) return;
    if (await onAdd(text)) setText('');
  }

  return (
    <section className="task-section" aria-label="Notes">
      <h3 className="task-section-title">Notes</h3>
      {notes.length === 0 ? (
        <p className="task-section-hint">No notes yet.</p>
      ) : (
        <ul className="task-notes">
          {notes.map((note) => (
            <li key={note.id} className="task-note">
              <p className="task-note-meta">
                <span className={`actor-badge ${note.by_kind}`}>{whoDid(note)}</span>{' '}
                <time dateTime={note.created_at} title={formatDateTime(note.created_at)}>
                  {timeAgo(note.created_at, now)}
                </time>
              </p>
              <p className="task-note-text" dir="auto">
                {note.text}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form className="task-note-form" onSubmit={(event) => void submit(event)}>
        <TextField value={text} onChange={setText} maxLength={COORDINATION_LIMITS.noteMax} className="task-field">
          <Label className="task-field-label">Add a note</Label>
          <TextArea className="text-input task-note-input" rows={2} />
        </TextField>
        <Button type="submit" className="button" isDisabled={sending || text.trim() === ''}>
          Add note
        </Button>
      </Form>
    </section>
  );
}
