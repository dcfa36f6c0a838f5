import './settings.css';
import { Check, Save } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import {
  Button,
  CheckboxButton,
  CheckboxField,
  FieldError,
  Form,
  Input,
  Label,
  Text,
  TextField,
} from 'react-aria-components';
import type { DesktopSettingsState } from '../../../shared/desktop';
import { errorMessage } from '../../lib/error-message';
import { AllowedHostsField } from './allowed-hosts-field';
import { DatabaseFields } from './database-fields';
import { checkSettings, draftOf, type SettingsDraft, type SettingsField } from './settings-draft';
import { useDesktopSettings } from './use-desktop-settings';

/** The desktop app's settings; shown only there. Saving restarts the server to apply them. */
export function SettingsView() {
  const { state, loadError, saving } = useDesktopSettings();
  if (loadError !== undefined) {
    return (
      <div className="settings">
        <p role="alert" className="settings-error">
          Could not load the settings: {loadError}
        </p>
      </div>
    );
  }
  if (!state) return <div className="settings" aria-busy="true" />;
  return <SettingsForm initial={state} saving={saving} />;
}

interface SettingsFormProps {
  initial: DesktopSettingsState;
  saving: ReturnType<typeof useDesktopSettings>['saving'];
}

function SettingsForm({ initial, saving }: SettingsFormProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(initial.settings));
  // A field's message shows once the person has changed it, and every message once they try to save.
  const [touched, setTouched] = useState<ReadonlySet<SettingsField> | 'all'>(new Set());
  const saved = saving.isSuccess;
  const saveError = saving.error ? errorMessage(saving.error) : undefined;
  const checked = checkSettings(draft);
  const errorFor = (field: SettingsField) =>
    !checked.ok && (touched === 'all' || touched.has(field)) ? checked.errors[field] : undefined;

  function change(field: SettingsField, next: Partial<SettingsDraft>) {
    setDraft((previous) => ({ ...previous, ...next }));
    setTouched((previous) => (previous === 'all' ? previous : new Set(previous).add(field)));
    saving.reset();
  }

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    setTouched('all');
    saving.reset();
    if (checked.ok) saving.mutate(checked.value);
  }

  return (
    <div className="settings">
      <h2 className="settings-title">Settings</h2>
      <Form className="settings-form" onSubmit={submit}>
        <TextField
          className="settings-field"
          value={draft.port}
          onChange={(port) => change('port', { port })}
          isInvalid={errorFor('port') !== undefined}
          inputMode="numeric"
        >
          <Label className="settings-label">Port</Label>
          <Input className="text-input settings-input-port" />
          <Text slot="description" className="settings-hint">
            Where agents and this window reach TaskDesk on this computer. Changing it changes the MCP URL every agent
            uses.
          </Text>
          <FieldError className="settings-error">{errorFor('port')}</FieldError>
        </TextField>
        <DatabaseFields draft={draft} onChange={(next) => change('database', next)} error={errorFor('database')} />
        <CheckboxField
          className="settings-check"
          isSelected={draft.startAtLogin}
          onChange={(startAtLogin) => change('start_at_login', { startAtLogin })}
        >
          <CheckboxButton className="settings-check-button">
            <span className="settings-checkbox" aria-hidden="true">
              <Check size={12} strokeWidth={3} />
            </span>
            Start TaskDesk at login
          </CheckboxButton>
        </CheckboxField>
        <AllowedHostsField
          hosts={draft.allowedHosts}
          onChange={(allowedHosts) => change('allowed_hosts', { allowedHosts })}
          error={errorFor('allowed_hosts')}
        />
        {saveError !== undefined && (
          <p className="settings-error" role="alert">
            Not saved: {saveError}
          </p>
        )}
        <div className="settings-actions">
          <Button type="submit" className="button primary" isDisabled={saving.isPending}>
            <Save size={14} aria-hidden /> Save
          </Button>
          <p className="settings-notice" role="status">
            {saved
              ? 'Saved. TaskDesk is restarting its server to apply these settings; this window reloads on the new address by itself.'
              : initial.restart_pending
                ? 'Saved settings are waiting to be applied: TaskDesk applies them when its server restarts.'
                : ''}
          </p>
        </div>
      </Form>
    </div>
  );
}
