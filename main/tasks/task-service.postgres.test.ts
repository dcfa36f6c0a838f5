import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeTaskServiceContract } from './task-service.contract';

describePostgres('task service on Postgres', () => {
  describeTaskServiceContract(postgresTarget);
});
