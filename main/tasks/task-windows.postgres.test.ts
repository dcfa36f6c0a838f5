import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeTaskWindowsContract } from './task-windows.contract';

describePostgres("the UI's task windows on Postgres", () => {
  describeTaskWindowsContract(postgresTarget);
});
