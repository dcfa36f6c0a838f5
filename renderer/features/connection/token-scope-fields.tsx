import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useApi } from '../../lib/api-context';
import { QUERY_KEYS } from '../../lib/query';

/** What a new token may reach: no projects chosen means all of them. */
export interface TokenScopeChoice {
  projects: string[];
  readOnly: boolean;
}

export const ALL_PROJECTS: TokenScopeChoice = { projects: [], readOnly: false };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

interface TokenScopeFieldsProps {
  value: TokenScopeChoice;
  onChange: (value: TokenScopeChoice) => void;
}

/**
 * Limits the token about to be created: to some projects (existing ones, or a
 * new name, which the server creates) and to reading. Projects match ignoring
 * case, as on the server, so a typed "web" picks the existing "Web".
 */
export function TokenScopeFields({ value, onChange }: TokenScopeFieldsProps) {
  const api = useApi();
  // The same query (key and shape) the task views read, so one cache serves both and stays live.
  const existing = useQuery({ queryKey: QUERY_KEYS.projects, queryFn: () => api.projects() });
  const [typed, setTyped] = useState('');
  const known = (existing.data?.projects ?? []).map((project) => project.name);
  const names = [...known, ...value.projects.filter((name) => !known.some((other) => sameName(other, name)))];
  const toggle = (name: string, on: boolean) =>
    onChange({
      ...value,
      projects: on ? [...value.projects, name] : value.projects.filter((chosen) => !sameName(chosen, name)),
    });
  const addTyped = () => {
    const name = typed.trim();
    if (!name) return;
    const known = names.find((other) => sameName(other, name)) ?? name;
    if (!value.projects.some((chosen) => sameName(chosen, known))) toggle(known, true);
    setTyped('');
  };

  return (
    <fieldset className="token-scope-fields">
      <legend>What this token may do</legend>
      <p className="connection-muted">
        Leave every project unticked to allow all of them. A limited token sees and changes only tasks in its projects.
      </p>
      <div role="group" aria-label="Limit to projects" className="token-scope-projects">
        {names.map((name) => (
          <label key={name} className="connection-toggle">
            <input
              type="checkbox"
              checked={value.projects.some((chosen) => sameName(chosen, name))}
              onChange={(event) => toggle(name, event.target.checked)}
            />
            {name}
          </label>
        ))}
      </div>
      <div className="token-scope-new">
        <input
          type="text"
          className="text-input"
          aria-label="New project name"
          placeholder="Another project (created if new)"
          maxLength={64}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') addTyped();
          }}
        />
        <Button className="button" isDisabled={!typed.trim()} onPress={addTyped}>
          Add project
        </Button>
      </div>
      <label className="connection-toggle">
        <input
          type="checkbox"
          checked={value.readOnly}
          onChange={(event) => onChange({ ...value, readOnly: event.target.checked })}
        />
        Read-only: may read tasks but never change them
      </label>
    </fieldset>
  );
}
