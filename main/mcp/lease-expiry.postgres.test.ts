import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeLeaseExpiryContract } from './lease-expiry.contract';

describePostgres('lease expiry on Postgres', () => {
  describeLeaseExpiryContract(postgresTarget);
});
