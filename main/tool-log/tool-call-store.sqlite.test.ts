import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeToolCallSinkContract } from './tool-call-sink.contract';

describe('tool-call log storage on SQLite', () => {
  describeToolCallSinkContract(sqliteTarget);
});
