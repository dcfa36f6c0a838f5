import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeMcpToolContract, describeToolLogRetention } from './mcp-tools.contract';

describe('MCP tools over HTTP on SQLite', () => {
  describeMcpToolContract(sqliteTarget);
  describeToolLogRetention(sqliteTarget);
});
