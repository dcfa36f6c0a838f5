import type { z } from 'zod';
import { fail, ok, type Result } from './result';

/** Parses untrusted input into a Result whose message lists every problem. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (parsed.success) return ok(parsed.data);
  const messages = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    return issue.code === 'custom' || path === '' || issue.message.includes(String(issue.path[0]))
      ? issue.message
      : `${path}: ${issue.message}`;
  });
  return fail('validation_error', [...new Set(messages)].join('; '));
}
