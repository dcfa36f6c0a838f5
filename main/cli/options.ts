import { InvalidArgumentError } from 'commander';
import { hostNameRule } from '../../shared/host-name';
import { PORT_RULE, RETENTION_RULE } from '../config/environment';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError(`must be ${PORT_RULE} (0 picks a free port)`);
  }
  return port;
}

export function parseRetention(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw new InvalidArgumentError(`must be ${RETENTION_RULE}`);
  return count;
}

/** An --allowed-host value, checked by the same rule as the desktop settings, so a typo fails at start-up. */
export function collectHostName(value: string, previous: string[]): string[] {
  const parsed = hostNameRule.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'not a host name');
  return [...previous, parsed.data];
}

/** Commander's collector for a repeatable option such as --project. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
