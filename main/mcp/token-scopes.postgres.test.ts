import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeTokenScopeContract } from './token-scopes.contract';

describePostgres('scoped and read-only tokens over HTTP on Postgres', () => {
  describeTokenScopeContract(postgresTarget);
});
