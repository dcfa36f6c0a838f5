import { Undo2, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import type { Task } from '../../../shared/task';

/** Long enough to notice a mistake and reach the button, short enough not to linger. */
export const UNDO_MS = 6000;

interface UndoToastProps {
  deleted: Task | undefined;
  onUndo: () => void;
  onDismiss: () => void;
}

/** Offers to undo the last delete for UNDO_MS; the region is always present so screen readers announce it. */
export function UndoToast({ deleted, onUndo, onDismiss }: UndoToastProps) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!deleted) return;
    // The deleted row took the focus with it; Undo is the most likely next step.
    if (document.activeElement === null || document.activeElement === document.body) undoRef.current?.focus();
    const timer = setTimeout(onDismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted, onDismiss]);

  return (
    <section className="task-toast-region" aria-label="Notifications" aria-live="polite">
      {deleted && (
        <div className="task-toast">
          <span className="task-toast-text">
            Deleted <span className="task-toast-title">{deleted.title}</span>
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
