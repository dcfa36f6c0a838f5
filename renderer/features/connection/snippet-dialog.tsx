import { ExternalLink } from 'lucide-react';
import { useMemo } from 'react';
import type { ConnectionDetails } from '../../../shared/api';
import { buildSnippets, type ConnectClientId } from '../../../shared/connect-snippets';
import { CopyButton } from '../../components/ui/copy-button';
import { ModalDialog } from '../../components/ui/modal-dialog';

interface SnippetDialogProps {
  clientId: ConnectClientId;
  clientName: string;
  secret: string;
  connection: ConnectionDetails;
  onClose: () => void;
}

/**
 * Shows a new token's snippets once. Only the Close button closes it (not a
 * stray click outside), since the secret cannot be shown again.
 */
export function SnippetDialog({ clientId, clientName, secret, connection, onClose }: SnippetDialogProps) {
  const snippets = useMemo(
    () => buildSnippets(clientId, { mcpUrl: connection.mcp_url, token: secret, stdio: connection.stdio }),
    [clientId, secret, connection],
  );
  return (
    <ModalDialog title={`Connect ${clientName}`} isOpen onClose={onClose} isDismissable={false}>
      <p className="snippet-warning" role="note">
        This token is shown only now. Copy what you need before closing: TaskDesk keeps only a hash of it. If you lose
        it, revoke this client and connect it again.
      </p>
      {snippets.map((snippet) => (
        <section key={snippet.title} className="snippet" aria-label={snippet.title}>
          <div className="snippet-head">
            <h3 className="snippet-title">{snippet.title}</h3>
            <CopyButton text={snippet.text} label={`Copy ${snippet.title}`} />
            {snippet.link && (
              <a className="button" href={snippet.link}>
                <ExternalLink size={14} aria-hidden />
                Open in {clientName}
              </a>
            )}
          </div>
          {snippet.where && <p className="snippet-where">{snippet.where}</p>}
          <pre className="json-block">
            <code>{snippet.text}</code>
          </pre>
        </section>
      ))}
    </ModalDialog>
  );
}
