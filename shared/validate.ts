import type { z } from 'zod';
import { fail, ok, type Result } from './result';

// Hostile input can hold thousands of problems (a huge array of wrong items);
// an answer listing each one would be larger than the request. A caller
// fixes the first few and tries again.
const MAX_PROBLEMS = 5;
const MAX_PROBLEM_LENGTH = 300;

function bounded(message: string): string {
  if (message.length <= MAX_PROBLEM_LENGTH) return message;
  // Do not cut between the halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(message.charAt(MAX_PROBLEM_LENGTH - 1))
    ? MAX_PROBLEM_LENGTH - 1
    : MAX_PROBLEM_LENGTH;
  return `${message.slice(0, end)}…`;
}

/** Parses untrusted input into a Result whose message names the first few problems, each in a bounded length. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (parsed.success) return ok(parsed.data);
  const messages = new Set<string>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const message =
      issue.code === 'custom' || path === '' || issue.message.includes(String(issue.path[0]))
        ? issue.message
        : `${path}: ${issue.message}`;
    messages.add(bounded(message));
    if (messages.size > MAX_PROBLEMS) break;
  }
  const shown = [...messages].slice(0, MAX_PROBLEMS);
  const more = parsed.error.issues.length > MAX_PROBLEMS && messages.size > MAX_PROBLEMS ? '; and more problems' : '';
  return fail('validation_error', `${shown.join('; ')}${more}`);
}
