import { describe } from 'vitest';
import { postgresTarget, sqliteTarget } from '../testing/database-targets';
import { describePostgres } from '../testing/postgres';
import { describeHostileInput } from './hostile-input.contract';

describe('hostile input over MCP on SQLite', () => describeHostileInput(sqliteTarget));
describePostgres('hostile input over MCP on Postgres', () => describeHostileInput(postgresTarget));
