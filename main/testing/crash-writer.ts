/**
 * A child process for the durability test: adds tasks as fast as it can and
 * prints each task's id only after the service has acknowledged it, until it
 * is killed. Usage: node --import tsx crash-writer.ts '<location json>'
 */
import { LOCAL_USER_ID } from '../../shared/limits';
import type { DatabaseLocation } from '../config/database-location';
import { openDatabase } from '../db/open-database';
import { createTaskRepository } from '../db/task-repository';
import { createLogger } from '../logging/logger';
import { createTaskService } from '../tasks/task-service';

const location = JSON.parse(process.argv[2] ?? '') as DatabaseLocation;
const handle = await openDatabase(location, createLogger('silent'));
const service = createTaskService({ tasks: createTaskRepository(handle) });

for (let i = 0; ; i++) {
  const result = await service.add(LOCAL_USER_ID, { title: `acknowledged ${i}` });
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`${result.value.id}\n`);
}
