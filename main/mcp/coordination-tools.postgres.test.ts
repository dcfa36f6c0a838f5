import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeCoordinationToolContract } from './coordination-tools.contract';

describePostgres('coordination tools over HTTP on Postgres', () => {
  describeCoordinationToolContract(postgresTarget);
});
