import { describe } from 'vitest';
import { sqliteTarget } from '../testing/database-targets';
import { describeUiActionsContract } from './ui-actions.contract';

describe('UI actions on SQLite', () => {
  describeUiActionsContract(sqliteTarget);
});
