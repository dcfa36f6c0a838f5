import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeTaskServiceContract } from './task-service.contract';

describe('task service on SQLite', () => {
  describeTaskServiceContract(sqliteTarget);
});
