import { z } from 'zod';
import { LIMITS } from './limits';
import { projectName } from './task-schemas';
import { codePointLength, findTextProblem } from './text-rules';

/** A client's name as people read it in the connection panel ("Claude Code"). */
export const tokenLabel = z
  .string({ error: 'label is required' })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    const problem = findTextProblem('label', value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return;
    }
    const length = codePointLength(value);
    if (length < 1 || length > LIMITS.tokenLabelMax) {
      ctx.addIssue({ code: 'custom', message: `label must be 1-${LIMITS.tokenLabelMax} characters; got ${length}` });
    }
  });

export const userId = z
  .string({ error: 'user must be a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, {
    error: 'user must start with a letter or digit and use only letters, digits and . _ @ -',
  })
  .max(LIMITS.userIdMax, { error: `user must be at most ${LIMITS.userIdMax} characters` });

/** How many projects one token may be limited to. */
export const TOKEN_PROJECTS_MAX = 20;

export const createTokenInput = z.strictObject({
  label: tokenLabel,
  user: userId.optional(),
  /** Limits the token to these projects (created if new); left out or empty, it may use all of them. */
  projects: z
    .array(projectName('projects'), { error: 'projects must be a list of project names' })
    .max(TOKEN_PROJECTS_MAX, { error: `a token may be limited to at most ${TOKEN_PROJECTS_MAX} projects` })
    .optional(),
  /** A read-only token may read everything in its scope and change nothing. */
  read_only: z.boolean({ error: 'read_only must be true or false' }).optional(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

/** A client token as listed: never the secret, which is shown once at creation. */
export interface TokenInfo {
  id: string;
  label: string;
  user: string;
  created_at: string;
  last_used_at: string | null;
  call_count: number;
  revoked_at: string | null;
  /** The projects the token is limited to (by current name), or null when it may use all of them. */
  projects: TokenProject[] | null;
  read_only: boolean;
}

export interface TokenProject {
  id: string;
  name: string;
}

export interface CreatedToken extends TokenInfo {
  token: string;
}
