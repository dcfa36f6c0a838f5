import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeLeaseExpiryContract } from './lease-expiry.contract';

describe('lease expiry on SQLite', () => {
  describeLeaseExpiryContract(sqliteTarget);
});
