import { postgresTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeMcpToolContract, describeToolLogRetention } from './mcp-tools.contract';

describePostgres('MCP tools over HTTP on Postgres', () => {
  describeMcpToolContract(postgresTarget);
  describeToolLogRetention(postgresTarget);
});
