import { z } from 'zod';
import { COORDINATION_LIMITS } from './coordination';
import { describeValue } from './describe-value';
import { absentIfNull, checkText, projectName, strict, stringField, taskId } from './task-schemas';

/** The inputs of the coordination tools (claims, notes, history, projects); see task-schemas.ts for the conventions. */

const { leaseMinSeconds: MIN, leaseMaxSeconds: MAX, leaseDefaultSeconds: DEFAULT } = COORDINATION_LIMITS;

const leaseMessage = (input: unknown) =>
  `lease_seconds must be an integer from ${MIN} to ${MAX}; got ${describeValue(input)}`;

const leaseSeconds = z
  .number({ error: (issue) => leaseMessage(issue.input) })
  .int({ error: (issue) => leaseMessage(issue.input) })
  .min(MIN, { error: (issue) => leaseMessage(issue.input) })
  .max(MAX, { error: (issue) => leaseMessage(issue.input) })
  .meta({ description: `How long the claim lasts unless renewed, ${MIN}-${MAX} seconds; default ${DEFAULT}.` });

export const noteText = (field: string) =>
  stringField(field)
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .superRefine(checkText(field, { min: 1, max: COORDINATION_LIMITS.noteMax, allowTabAndNewline: true }))
    .meta({
      description: `1-${COORDINATION_LIMITS.noteMax} characters; newlines allowed.`,
      minLength: 1,
      maxLength: COORDINATION_LIMITS.noteMax,
    });

export const claimTaskInput = strict({
  task_id: absentIfNull(
    taskId.meta({ description: 'Claim (or renew your claim on) this task; omit to claim the next ready task.' }),
  ),
  project: absentIfNull(
    projectName('project').meta({ description: 'Without task_id: the next ready task in this project.' }),
  ),
  lease_seconds: absentIfNull(leaseSeconds),
});

export const releaseTaskInput = strict({
  task_id: taskId,
  note: absentIfNull(noteText('note').meta({ description: 'A handoff note for whoever picks the task up next.' })),
});

export const addNoteInput = strict({ task_id: taskId, text: noteText('text') });

export const getTaskInput = strict({
  task_id: taskId,
  history_cursor: absentIfNull(
    stringField('history_cursor')
      .regex(/^\d{1,18}$/, { error: 'history_cursor is not one this server issued; call get_task without it' })
      .meta({ description: 'history_cursor from a previous get_task, for older history events.' }),
  ),
  notes_cursor: absentIfNull(
    stringField('notes_cursor')
      .regex(/^[0-9TZ:.-]{10,40}~[\w-]{1,64}$/, {
        error: 'notes_cursor is not one this server issued; call get_task without it',
      })
      .meta({ description: 'notes_cursor from a previous get_task, for older notes.' }),
  ),
});

export const renameProjectInput = strict({ project_id: stringField('project_id').max(64), name: projectName('name') });

export type ClaimTask = z.output<typeof claimTaskInput>;

export const createProjectInput = strict({ name: projectName('name') });

export const undoEventInput = strict({
  task_id: taskId,
  seq: z
    .number({ error: 'seq must be the number of one of the task’s history events' })
    .int({ error: 'seq must be a whole number' })
    .min(1, { error: 'seq must be positive' }),
  expected_version: z
    .number({ error: 'expected_version must be the task version you last saw' })
    .int({ error: 'expected_version must be a whole number' })
    .min(1, { error: 'expected_version must be positive' }),
});
