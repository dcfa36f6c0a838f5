import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeCoordinationContract } from './coordination.contract';

describePostgres('coordination rules on Postgres', () => {
  describeCoordinationContract(postgresTarget);
});
