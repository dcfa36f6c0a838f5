import { UserFacingError } from '../errors';
import type { Logger } from '../logging/logger';

/**
 * Ends a command that failed. Expected failures (bad configuration, an
 * unreachable database) print one plain line a person can act on; anything
 * else is a bug and is logged in full as structured JSON.
 */
export function exitWithError(error: unknown, logger: Logger): never {
  if (error instanceof UserFacingError) {
    process.stderr.write(`taskdesk: ${error.message}\n`);
  } else {
    logger.error({ err: error }, 'command failed');
    process.stderr.write('taskdesk: unexpected error (details logged above)\n');
  }
  process.exit(1);
}
