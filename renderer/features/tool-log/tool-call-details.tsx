import { useId } from 'react';
import type { ToolCall } from '../../../shared/tool-call';
import { ModalDialog } from '../../components/ui/modal-dialog';
import { formatDuration, formatTime, outcomeText, toPrettyJson } from './format';

/** One call in full: what the agent sent and what it got back, as formatted JSON (rendered as text). */
export function ToolCallDetails({ call, onClose }: { call: ToolCall | undefined; onClose: () => void }) {
  return (
    <ModalDialog
      title={call ? `${call.tool} by ${call.client_label}` : ''}
      isOpen={call !== undefined}
      onClose={onClose}
    >
      {call && (
        <>
          <dl className="tool-call-facts">
            <dt>Time</dt>
            <dd>
              <time dateTime={call.created_at}>{formatTime(call.created_at)}</time>
            </dd>
            <dt>Outcome</dt>
            <dd>{outcomeText(call)}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(call.duration_ms)}</dd>
            {call.task_id && (
              <>
                <dt>Task</dt>
                <dd>
                  <code>{call.task_id}</code>
                </dd>
              </>
            )}
          </dl>
          <JsonSection title="Arguments" value={call.arguments} />
          <JsonSection title="Result" value={call.result} />
        </>
      )}
    </ModalDialog>
  );
}

function JsonSection({ title, value }: { title: string; value: unknown }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="tool-call-section">
        {title}
      </h3>
      <pre className="json-block">{toPrettyJson(value)}</pre>
    </section>
  );
}
