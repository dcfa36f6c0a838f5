import { Undo2, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import type { Undoable } from './use-task-actions';

/** Long enough to notice a mistake and reach the button, short enough not to linger. */
export const UNDO_MS = 6000;

interface UndoToastProps {
  undoable: Undoable | undefined;
  onUndo: () => void;
  onDismiss: () => void;
}

const DONE_WORDS: Record<Undoable['kind'], string> = { deleted: 'Deleted', completed: 'Completed' };

/** Offers to undo the last delete or completion for UNDO_MS; the region is always present so screen readers announce it. */
export function UndoToast({ undoable, onUndo, onDismiss }: UndoToastProps) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!undoable) return;
    // A deleted row took the focus with it; Undo is the most likely next step.
    if (document.activeElement === null || document.activeElement === document.body) undoRef.current?.focus();
    const timer = setTimeout(onDismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [undoable, onDismiss]);

  return (
    <section className="task-toast-region" aria-label="Notifications" aria-live="polite">
      {undoable && (
        <div className="task-toast">
          <span className="task-toast-text">
            {DONE_WORDS[undoable.kind]}{' '}
            <span className="task-toast-title" dir="auto">
              {undoable.task.title}
            </span>
          </span>
          <Button ref={undoRef} className="button" onPress={onUndo}>
            <Undo2 size={14} aria-hidden /> Undo
          </Button>
          <Button className="icon-button" aria-label="Dismiss" onPress={onDismiss}>
            <X size={14} aria-hidden />
          </Button>
        </div>
      )}
    </section>
  );
}
