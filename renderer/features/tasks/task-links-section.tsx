import { X } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { Button, ComboBox, Form, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { ProjectSummary, Task, TaskRef } from '../../../shared/task';
import { TaskPicker } from './task-picker';

interface TaskLinksSectionProps {
  task: Task;
  openBlockers: readonly TaskRef[];
  /** Blockers known to be done (completed or deleted): "clear" takes these out, and only these. */
  closedBlockerIds: ReadonlySet<string>;
  parent: TaskRef | undefined;
  projects: readonly ProjectSummary[];
  busy: boolean;
  onChange: (fields: { project?: string | null; parent_id?: string | null; blocked_by?: string[] }) => void;
}

/** Where the task sits: its project, its parent, and the tasks it waits for. Each change applies at once. */
export function TaskLinksSection({
  task,
  openBlockers,
  closedBlockerIds,
  parent,
  projects,
  busy,
  onChange,
}: TaskLinksSectionProps) {
  const doneBlockers = task.blocked_by.filter((id) => closedBlockerIds.has(id)).length;
  return (
    <section className="task-section" aria-label="Project, parent and blockers">
      <h3 className="task-section-title">Project and links</h3>
      <ProjectPicker
        key={task.project ?? ''}
        current={task.project}
        projects={projects}
        busy={busy}
        onMove={(project) => onChange({ project })}
      />
      <div className="task-field">
        <span className="task-field-label">Parent task</span>
        {parent ? (
          <p className="task-link-chip">
            <span dir="auto">{parent.title}</span>
            <Button
              className="icon-button"
              aria-label={`Detach from ${parent.title}`}
              isDisabled={busy}
              onPress={() => onChange({ parent_id: null })}
            >
              <X size={14} aria-hidden />
            </Button>
          </p>
        ) : (
          <TaskPicker
            label="Make it a subtask of"
            exclude={[task.id]}
            isDisabled={busy}
            onPick={(picked) => onChange({ parent_id: picked.id })}
          />
        )}
      </div>
      <div className="task-field">
        <span className="task-field-label">Blocked by</span>
        {openBlockers.length === 0 && doneBlockers <= 0 && <p className="task-section-hint">Nothing; it can start.</p>}
        {openBlockers.length > 0 && (
          <ul className="task-blockers" aria-label="Open blockers">
            {openBlockers.map((blocker) => (
              <li key={blocker.id} className="task-link-chip">
                <span dir="auto">{blocker.title}</span>
                <Button
                  className="icon-button"
                  aria-label={`Remove blocker ${blocker.title}`}
                  isDisabled={busy}
                  onPress={() => onChange({ blocked_by: task.blocked_by.filter((id) => id !== blocker.id) })}
                >
                  <X size={14} aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        )}
        {doneBlockers > 0 && (
          <div className="task-done-blockers">
            <p className="task-section-hint">
              {doneBlockers} completed blocker{doneBlockers === 1 ? '' : 's'} no longer hold
              {doneBlockers === 1 ? 's' : ''} it back.
            </p>
            <Button
              className="button"
              isDisabled={busy}
              // Only the closed ones go: a completed blocker reopened later would otherwise hold it back again.
              onPress={() => onChange({ blocked_by: task.blocked_by.filter((id) => !closedBlockerIds.has(id)) })}
            >
              Clear completed blocker{doneBlockers === 1 ? '' : 's'}
            </Button>
          </div>
        )}
        <TaskPicker
          label="Add a blocker"
          exclude={[task.id, ...task.blocked_by]}
          isDisabled={busy}
          onPick={(picked) => onChange({ blocked_by: [...task.blocked_by, picked.id] })}
        />
      </div>
    </section>
  );
}

interface ProjectPickerProps {
  current: string | null;
  projects: readonly ProjectSummary[];
  busy: boolean;
  onMove: (project: string | null) => void;
}

/** Pick a project or type a new name; an empty name takes the task out of its project. */
function ProjectPicker({ current, projects, busy, onMove }: ProjectPickerProps) {
  const [text, setText] = useState(current ?? '');
  const unchanged = text.trim() === (current ?? '');
  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!unchanged) onMove(text.trim() === '' ? null : text.trim());
  }
  return (
    <Form className="task-project-form" onSubmit={submit}>
      <ComboBox
        className="task-picker"
        inputValue={text}
        onInputChange={setText}
        allowsCustomValue
        menuTrigger="focus"
        defaultItems={projects}
        isDisabled={busy}
      >
        <Label className="task-field-label">Project</Label>
        <Input className="text-input" placeholder="No project" />
        <Popover className="choice-select-popover task-picker-popover">
          <ListBox className="choice-select-list">
            {(project: ProjectSummary) => (
              <ListBoxItem id={project.id} textValue={project.name} className="choice-select-item">
                <span dir="auto">{project.name}</span>
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <Button type="submit" className="button" isDisabled={busy || unchanged}>
        {text.trim() === '' ? 'Remove from project' : 'Move'}
      </Button>
    </Form>
  );
}
