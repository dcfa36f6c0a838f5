import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeUiActionsContract } from './ui-actions.contract';

describePostgres('UI actions on Postgres', () => {
  describeUiActionsContract(postgresTarget);
});
