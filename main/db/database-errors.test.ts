import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describePostgresFailure, isConnectionLost } from './database-errors';

const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('database errors', () => {
  it('sees a lost connection through drizzle’s wrapper', () => {
    expect(isConnectionLost(new DrizzleQueryError('select 1', [], terminated))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not mistake a query error for a lost connection', () => {
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    expect(isConnectionLost(new DrizzleQueryError('selec 1', [], syntax))).toBe(false);
  });

  it('names the cause of a failure in a few words', () => {
    const refused = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {});
    expect(describePostgresFailure(refused)).toBe('connection refused (is Postgres running and listening there?)');
    expect(describePostgresFailure(Object.assign(new Error('db "x"'), { code: '3D000' }))).toBe(
      'database does not exist',
    );
  });
});
