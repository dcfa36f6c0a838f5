import { describe } from 'vitest';
import { postgresTarget } from '../testing/database-targets';
import { describeTaskScopeContract } from './task-scope.contract';

describe('a scoped token inside the write transaction on Postgres', () => {
  describeTaskScopeContract(postgresTarget);
});
