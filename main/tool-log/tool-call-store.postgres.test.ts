import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeToolCallStoreContract } from './tool-call-store.contract';

describePostgres('tool-call log storage on Postgres', () => {
  describeToolCallStoreContract(postgresTarget);
});
