import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeCoordinationToolContract } from './coordination-tools.contract';

describe('coordination tools over HTTP on SQLite', () => {
  describeCoordinationToolContract(sqliteTarget);
});
