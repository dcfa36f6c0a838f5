import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeTaskScopeContract } from './task-scope.contract';

describe('a scoped token inside the write transaction on SQLite', () => {
  describeTaskScopeContract(sqliteTarget);
});
