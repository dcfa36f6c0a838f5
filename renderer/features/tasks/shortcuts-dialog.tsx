import { ModalDialog } from '../../components/ui/modal-dialog';
import { ROW_KEYS } from './use-list-keys';

const WINDOW_KEYS = [
  { keys: ['/'], does: 'Search' },
  { keys: ['n'], does: 'Add a task' },
  { keys: ['j'], does: 'Go to the task list' },
  { keys: ['z'], does: 'Undo the last delete or completion' },
  { keys: ['Esc'], does: 'Close the editor or this list' },
  { keys: ['?'], does: 'Show these shortcuts' },
] as const;

/** Every keyboard shortcut of the Tasks view; "?" opens it. */
export function ShortcutsDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" isOpen={isOpen} onClose={onClose}>
      <p className="shortcuts-note">Shortcuts do nothing while you type in a field. Tab reaches the task list once.</p>
      <dl className="shortcuts">
        {[...ROW_KEYS, ...WINDOW_KEYS].map(({ keys, does }) => (
          <div key={does} className="shortcut">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
