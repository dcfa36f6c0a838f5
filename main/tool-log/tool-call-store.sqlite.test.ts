import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeToolCallStoreContract } from './tool-call-store.contract';

describe('tool-call log storage on SQLite', () => {
  describeToolCallStoreContract(sqliteTarget);
});
