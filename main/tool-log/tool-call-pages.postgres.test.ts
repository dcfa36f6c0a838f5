import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeToolCallPagesContract } from './tool-call-pages.contract';

describePostgres("Activity's pages of the log on Postgres", () => {
  describeToolCallPagesContract(postgresTarget);
});
