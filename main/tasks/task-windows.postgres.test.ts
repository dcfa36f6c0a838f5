import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeTaskTreeWindowsContract } from './task-tree-windows.contract';
import { describeTaskWindowsContract } from './task-windows.contract';

describePostgres("the UI's task windows on Postgres", () => {
  describeTaskWindowsContract(postgresTarget);
});

describePostgres("the UI's task windows over subtasks on Postgres", () => {
  describeTaskTreeWindowsContract(postgresTarget);
});
