import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeTokenScopeContract } from './token-scopes.contract';

describe('scoped and read-only tokens over HTTP on SQLite', () => {
  describeTokenScopeContract(sqliteTarget);
});
