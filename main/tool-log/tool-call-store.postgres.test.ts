import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeToolCallSinkContract } from './tool-call-sink.contract';

describePostgres('tool-call log storage on Postgres', () => {
  describeToolCallSinkContract(postgresTarget);
});
