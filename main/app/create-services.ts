import type { DatabaseHandle } from '../db/database';
import { createTaskRepository } from '../db/task-repository';
import { createTokenRepository } from '../db/token-repository';
import { createToolCallRepository } from '../db/tool-call-repository';
import { createUserRepository } from '../db/user-repository';
import type { Logger } from '../logging/logger';
import { createTaskService } from '../tasks/task-service';
import { createTokenService } from '../tokens/token-service';
import { createToolCallLog } from '../tool-log/tool-call-log';

export interface ServiceOptions {
  toolLogRetention?: number;
}

/** Every service over one open database; each edge (HTTP, stdio, CLI) uses these and nothing below them. */
export function createServices(handle: DatabaseHandle, logger: Logger, options: ServiceOptions = {}) {
  const users = createUserRepository(handle);
  const tokenRepository = createTokenRepository(handle);
  return {
    tasks: createTaskService({ tasks: createTaskRepository(handle) }),
    tokens: createTokenService({ tokens: tokenRepository, users }),
    toolLog: createToolCallLog({
      calls: createToolCallRepository(handle),
      tokens: tokenRepository,
      logger,
      ...(options.toolLogRetention === undefined ? {} : { retention: options.toolLogRetention }),
    }),
    users,
  };
}

export type Services = ReturnType<typeof createServices>;
