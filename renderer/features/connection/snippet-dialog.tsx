import { ExternalLink } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ConnectionDetails } from '../../../shared/api';
import { buildSnippets, type ConnectClientId, type Snippet } from '../../../shared/connect-snippets';
import { CopyButton } from '../../components/ui/copy-button';
import { ModalDialog } from '../../components/ui/modal-dialog';
import { ALL_PROJECTS, TokenScopeFields, type TokenScopeChoice } from './token-scope-fields';

interface SnippetDialogProps {
  clientId: ConnectClientId;
  clientName: string;
  /** The client's new token, once the person has asked for one. */
  secret: string | undefined;
  connection: ConnectionDetails;
  creating: boolean;
  error: string | undefined;
  onCreateToken: (scope: TokenScopeChoice) => void;
  onClose: () => void;
}

// Built into snippets before a token exists, to learn which of them need one.
const NO_TOKEN_YET = 'tdk_token_not_created_yet';

/**
 * What to paste into one client. Snippets that carry a token appear once the
 * person creates one here, and then only until the dialog closes. Escape or a
 * click outside closes it until then; once the secret shows, only the Close
 * button does, since the secret cannot be shown again.
 */
export function SnippetDialog(props: SnippetDialogProps) {
  const { clientId, clientName, secret, connection, onClose } = props;
  const [scope, setScope] = useState<TokenScopeChoice>(ALL_PROJECTS);
  const snippets = useMemo(() => {
    const inputs = { mcpUrl: connection.mcp_url, stdio: connection.stdio };
    const withoutToken = buildSnippets(clientId, { ...inputs, token: NO_TOKEN_YET });
    const withToken = secret ? buildSnippets(clientId, { ...inputs, token: secret }) : withoutToken;
    return withToken.map((snippet, index) => ({
      snippet,
      needsToken: withoutToken[index]?.text.includes(NO_TOKEN_YET) ?? true,
    }));
  }, [clientId, secret, connection]);
  const shown = snippets.filter(({ needsToken }) => secret || !needsToken).map(({ snippet }) => snippet);
  const waiting = !secret && snippets.some(({ needsToken }) => needsToken);
  return (
    <ModalDialog title={`Connect ${clientName}`} isOpen onClose={onClose} isDismissable={secret === undefined}>
      {secret && (
        <p className="snippet-warning" role="note">
          This token is shown only now. Copy what you need before closing: TaskDesk keeps only a hash of it. If you lose
          it, revoke this client and connect it again.
        </p>
      )}
      {shown.map((snippet) => (
        <SnippetBlock key={snippet.title} snippet={snippet} clientName={clientName} />
      ))}
      {waiting && (
        <div className="snippet-create">
          <p className="connection-muted">
            {shown.length ? 'The other way needs' : `${clientName} needs`} a token of its own, shown once. Nothing is
            created until you ask.
          </p>
          <TokenScopeFields value={scope} onChange={setScope} />
          <Button className="button" isDisabled={props.creating} onPress={() => props.onCreateToken(scope)}>
            Create a token for {clientName}
          </Button>
        </div>
      )}
      {props.error && (
        <p role="alert" className="token-error">
          {props.error}
        </p>
      )}
    </ModalDialog>
  );
}

function SnippetBlock({ snippet, clientName }: { snippet: Snippet; clientName: string }) {
  return (
    <section className="snippet" aria-label={snippet.title}>
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
  );
}
