import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeTaskWindowsContract } from './task-windows.contract';

describe("the UI's task windows on SQLite", () => {
  describeTaskWindowsContract(sqliteTarget);
});
