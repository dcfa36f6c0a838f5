import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeTaskTreeWindowsContract } from './task-tree-windows.contract';
import { describeTaskWindowsContract } from './task-windows.contract';

describe("the UI's task windows on SQLite", () => {
  describeTaskWindowsContract(sqliteTarget);
});

describe("the UI's task windows over subtasks on SQLite", () => {
  describeTaskTreeWindowsContract(sqliteTarget);
});
