import { sqliteTarget } from '../testing/database-targets';
import { describe } from 'vitest';
import { describeChangeFeedContract } from './change-feed.contract';

describe('the live change feed on SQLite', () => {
  describeChangeFeedContract(sqliteTarget);
});
