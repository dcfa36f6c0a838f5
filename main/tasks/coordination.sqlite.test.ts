import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeCoordinationContract } from './coordination.contract';

describe('coordination rules on SQLite', () => {
  describeCoordinationContract(sqliteTarget);
});
