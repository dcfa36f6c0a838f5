import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeToolCallPagesContract } from './tool-call-pages.contract';

describe("Activity's pages of the log on SQLite", () => {
  describeToolCallPagesContract(sqliteTarget);
});
