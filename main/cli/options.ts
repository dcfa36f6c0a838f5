import { hostNameRule } from '../../shared/host-name';
import { ConfigError } from '../config/database-location';
import { InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535 (0 picks a free port)');
  }
  return port;
}

export function parseRetention(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return count;
}

/** A number from the environment, parsed like its flag; a bad value is a configuration error naming the variable. */
export function numberFromEnvironment(
  name: string,
  parse: (value: string) => number,
  rule: string,
): number | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  try {
    return parse(value);
  } catch {
    throw new ConfigError(`${name} must be ${rule}; got "${value}"`);
  }
}

/** An --allowed-host value, checked by the same rule as the desktop settings, so a typo fails at start-up. */
export function collectHostName(value: string, previous: string[]): string[] {
  const parsed = hostNameRule.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'not a host name');
  return [...previous, parsed.data];
}

/** Commander's collector for a repeatable option such as --project. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];
