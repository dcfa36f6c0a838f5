import { Database, PlugZap } from 'lucide-react';
import { useMutation } from '@tanstack/react-query';
import {
  Button,
  FieldError,
  Input,
  Label,
  RadioButton,
  RadioField,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import { databaseTestInput } from '../../../shared/desktop';
import { validate } from '../../../shared/validate';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import type { SettingsDraft } from './settings-draft';

type DatabaseDraft = Pick<SettingsDraft, 'databaseKind' | 'sqlitePath' | 'postgresUrl'>;

interface DatabaseFieldsProps {
  draft: DatabaseDraft;
  onChange: (change: Partial<DatabaseDraft>) => void;
  /** The shared schema's message for the database setting, once it should show. */
  error: string | undefined;
}

const KINDS = [
  { value: 'sqlite', label: 'Embedded SQLite' },
  { value: 'postgres', label: 'Postgres' },
] as const;

/** Where tasks are kept: an SQLite file (nothing to set up) or a shared Postgres database. */
export function DatabaseFields({ draft, onChange, error }: DatabaseFieldsProps) {
  return (
    <div className="settings-group">
      <RadioGroup
        className="settings-choice"
        orientation="horizontal"
        value={draft.databaseKind}
        onChange={(value) => onChange({ databaseKind: value === 'postgres' ? 'postgres' : 'sqlite' })}
      >
        <Label className="settings-legend">
          <Database size={14} aria-hidden /> Database
        </Label>
        <div className="settings-choice-options">
          {KINDS.map((kind) => (
            <RadioField key={kind.value} value={kind.value} className="settings-choice-field">
              <RadioButton className="settings-choice-option">{kind.label}</RadioButton>
            </RadioField>
          ))}
        </div>
      </RadioGroup>
      {draft.databaseKind === 'sqlite' ? (
        <TextField
          className="settings-field"
          value={draft.sqlitePath}
          onChange={(sqlitePath) => onChange({ sqlitePath })}
          isInvalid={error !== undefined}
        >
          <Label className="settings-label">SQLite file</Label>
          <Input className="text-input" placeholder="taskdesk.db in the app's data folder" />
          <Text slot="description" className="settings-hint">
            Leave empty for taskdesk.db in the app&apos;s data folder.
          </Text>
          <FieldError className="settings-error">{error}</FieldError>
        </TextField>
      ) : (
        <PostgresField url={draft.postgresUrl} onChange={(postgresUrl) => onChange({ postgresUrl })} error={error} />
      )}
    </div>
  );
}

type TestOutcome = { kind: 'testing' } | { kind: 'connected'; version: string } | { kind: 'failed'; message: string };

function PostgresField({ url, onChange, error }: { url: string; onChange: (url: string) => void; error?: string }) {
  const api = useApi();
  const testing = useMutation({
    mutationFn: async (): Promise<TestOutcome> => {
      const checked = validate(databaseTestInput, { url });
      if (!checked.ok) return { kind: 'failed', message: checked.error.message };
      const { server_version } = await api.testDatabase(checked.value.url);
      return { kind: 'connected', version: server_version };
    },
  });
  // The server's own message, as it comes: it names the cause and masks the password.
  const outcome: TestOutcome | undefined = testing.isPending
    ? { kind: 'testing' }
    : testing.error
      ? { kind: 'failed', message: errorMessage(testing.error) }
      : testing.data;

  return (
    <>
      <div className="settings-row">
        <TextField
          className="settings-field settings-field-wide"
          value={url}
          onChange={(next) => {
            onChange(next);
            testing.reset();
          }}
          isInvalid={error !== undefined}
        >
          <Label className="settings-label">Postgres URL</Label>
          <Input className="text-input" placeholder="postgres://user:password@host:5432/database" />
          <FieldError className="settings-error">{error}</FieldError>
        </TextField>
        <Button className="button" isDisabled={outcome?.kind === 'testing'} onPress={() => testing.mutate()}>
          <PlugZap size={14} aria-hidden /> Test connection
        </Button>
      </div>
      <TestResult outcome={outcome} />
    </>
  );
}

function TestResult({ outcome }: { outcome: TestOutcome | undefined }) {
  if (outcome?.kind === 'failed') {
    return (
      <p className="settings-error" role="alert">
        {outcome.message}
      </p>
    );
  }
  return (
    <p className="settings-success" role="status">
      {outcome?.kind === 'testing' && 'Connecting…'}
      {outcome?.kind === 'connected' && `Connected: Postgres ${outcome.version}. Nothing was changed in it.`}
    </p>
  );
}
