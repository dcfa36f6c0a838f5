import { useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { Button, Form, Input, Label, RadioButton, RadioField, RadioGroup, TextField } from 'react-aria-components';
import type { ProjectSummary } from '../../../shared/task';
import { useApi } from '../../lib/api-context';
import { failureCode, plainFailure } from '../../lib/error-message';
import { QUERY_KEYS } from '../../lib/query';
import { useProjects } from './use-projects';

interface ProjectListProps {
  /** The chosen project's name, or '' for every task. */
  selected: string;
  onSelect: (project: string) => void;
}

const countsText = (project: ProjectSummary) =>
  `${project.open} open · ${project.ready} ready · ${project.claimed} claimed · ${project.completed} done`;

function projectFailure(reason: unknown): string {
  return failureCode(reason) === 'conflict'
    ? 'There is a project with that name already (names ignore case).'
    : failureCode(reason) === 'validation_error'
      ? 'A project name is 1 to 64 characters.'
      : plainFailure(reason);
}

/** The projects beside the tasks, with their counts; choosing one filters the list. */
export function ProjectList({ selected, onSelect }: ProjectListProps) {
  const projects = useProjects();
  const [editing, setEditing] = useState<ProjectSummary | 'new'>();
  const list = projects.data?.projects ?? [];
  return (
    <nav className="project-list" aria-label="Projects">
      <RadioGroup className="project-choices" value={selected} onChange={onSelect} aria-label="Show tasks of project">
        <RadioField value="">
          <RadioButton className="project-choice">All tasks</RadioButton>
        </RadioField>
        {list.map((project) => (
          <RadioField key={project.id} value={project.name}>
            <RadioButton className="project-choice">
              <span className="project-name" dir="auto">
                {project.name}
              </span>
              <span className="project-counts">{countsText(project)}</span>
            </RadioButton>
          </RadioField>
        ))}
      </RadioGroup>
      {editing === undefined ? (
        <div className="project-actions">
          <Button className="button small" onPress={() => setEditing('new')}>
            <Plus size={14} aria-hidden /> New project
          </Button>
          {list.some((project) => project.name === selected) && (
            <Button
              className="button small"
              onPress={() => setEditing(list.find((project) => project.name === selected))}
            >
              <Pencil size={14} aria-hidden /> Rename
            </Button>
          )}
        </div>
      ) : (
        <ProjectNameForm
          project={editing === 'new' ? undefined : editing}
          onDone={(name) => {
            setEditing(undefined);
            if (name !== undefined) onSelect(name);
          }}
        />
      )}
      {projects.error && <p className="field-error">{plainFailure(projects.error)}</p>}
    </nav>
  );
}

/** Names a new project, or renames one; its tasks follow a rename. */
function ProjectNameForm({ project, onDone }: { project?: ProjectSummary; onDone: (name?: string) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState(project?.name ?? '');
  const [error, setError] = useState<string>();
  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    try {
      const saved = project ? await api.renameProject(project.id, name) : await api.createProject(name);
      await queryClient.invalidateQueries({ queryKey: QUERY_KEYS.projects });
      onDone(saved.name);
    } catch (reason) {
      setError(projectFailure(reason));
    }
  }
  return (
    <Form className="project-form" onSubmit={(event) => void submit(event)}>
      <TextField
        value={name}
        onChange={(next) => {
          // The message goes once the name changes; an invalid field would also block the next submit.
          setName(next);
          setError(undefined);
        }}
        autoFocus
        isInvalid={error !== undefined}
        className="task-field"
      >
        <Label className="task-field-label">{project ? `Rename ${project.name}` : 'New project name'}</Label>
        <Input className="text-input" />
      </TextField>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="project-actions">
        <Button type="submit" className="button small primary">
          {project ? 'Rename' : 'Create'}
        </Button>
        <Button className="button small" onPress={() => onDone()}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
