import './modal-dialog.css';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface ModalDialogProps {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  children: ReactNode;
  /** Whether a click outside or Escape closes it; off where closing loses something (a secret shown once). */
  isDismissable?: boolean;
  /** Rises from the bottom edge, as a phone's sheets do. */
  sheet?: boolean;
}

/** A modal dialog named by its title, with a Close button; focus returns to what opened it. */
export function ModalDialog({
  title,
  isOpen,
  onClose,
  children,
  isDismissable = true,
  sheet = false,
}: ModalDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      isDismissable={isDismissable}
      isKeyboardDismissDisabled={!isDismissable}
    >
      <Modal className={sheet ? 'modal sheet' : 'modal'}>
        <Dialog className="modal-dialog">
          <header className="modal-header">
            <Heading slot="title" className="modal-title">
              {title}
            </Heading>
            <Button slot="close" className="icon-button" aria-label="Close">
              <X size={14} aria-hidden />
            </Button>
          </header>
          <div className="modal-body">{children}</div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
