import { Plus, X } from 'lucide-react';
import { useId, useState } from 'react';
import { Button, FieldError, Input, Label, TextField } from 'react-aria-components';
import { hostNameRule } from '../../../shared/host-name';
import { validate } from '../../../shared/validate';

interface AllowedHostsFieldProps {
  hosts: readonly string[];
  onChange: (hosts: string[]) => void;
  /** The shared schema's message for the list as a whole (e.g. too many). */
  error: string | undefined;
}

/** Extra host names requests may be addressed to, beyond 127.0.0.1 and localhost. */
export function AllowedHostsField({ hosts, onChange, error }: AllowedHostsFieldProps) {
  const [candidate, setCandidate] = useState('');
  const [candidateError, setCandidateError] = useState<string>();
  const headingId = useId();

  function add() {
    const checked = validate(hostNameRule, candidate);
    if (!checked.ok) {
      setCandidateError(checked.error.message);
      return;
    }
    if (!hosts.includes(checked.value)) onChange([...hosts, checked.value]);
    setCandidate('');
    setCandidateError(undefined);
  }

  return (
    <fieldset className="settings-group" aria-labelledby={headingId}>
      <legend id={headingId} className="settings-legend">
        Extra allowed hosts
      </legend>
      <p className="settings-hint">
        Host names this computer is also reached by (e.g. my-laptop.local). Requests addressed to any other name are
        refused, which keeps web pages from reaching TaskDesk through DNS tricks.
      </p>
      {hosts.length > 0 && (
        <ul className="settings-hosts" aria-label="Extra allowed hosts">
          {hosts.map((host) => (
            <li key={host} className="settings-host" aria-label={host}>
              <code>{host}</code>
              <Button
                className="icon-button"
                aria-label={`Remove ${host}`}
                onPress={() => onChange(hosts.filter((h) => h !== host))}
              >
                <X size={14} aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="settings-row">
        <TextField
          className="settings-field"
          value={candidate}
          onChange={(value) => {
            setCandidate(value);
            setCandidateError(undefined);
          }}
          isInvalid={candidateError !== undefined}
          onKeyDown={(event) => {
            // Enter adds the host rather than submitting the whole settings form.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            add();
          }}
        >
          <Label className="settings-label">Add allowed host</Label>
          <Input className="text-input" placeholder="my-laptop.local" />
          <FieldError className="settings-error">{candidateError}</FieldError>
        </TextField>
        <Button className="button" onPress={add}>
          <Plus size={14} aria-hidden /> Add host
        </Button>
      </div>
      {error !== undefined && (
        <p className="settings-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
